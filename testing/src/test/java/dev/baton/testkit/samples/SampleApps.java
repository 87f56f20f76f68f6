package dev.baton.testkit.samples;

import com.google.inject.Module;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.runtime.DeploymentAppContext;
import dev.baton.runtime.GuiceAppPlugin;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import java.time.Duration;
import java.util.function.Supplier;

/** Small apps for testing the contract kit itself: one that keeps every promise, and some that break one. */
public final class SampleApps {

    private SampleApps() {}

    /** A plugin named {@code name} building a fresh app from {@code app} per instance. */
    public static GuiceAppPlugin plugin(String name, Supplier<ConversationApp> app) {
        return new GuiceAppPlugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Module module(DeploymentAppContext context) {
                return GuiceAppPlugin.instance(app.get());
            }
        };
    }

    /** Greets once when an ad brings the person, says goodbye and releases on their answer or after 30 minutes. */
    public static class PoliteApp implements ConversationApp {
        @Override
        public void onReferral(ReferralEvent event, Conversation conversation) {
            if (conversation.ownsThread() && conversation.state().get("greeted").isEmpty()) {
                conversation.state().put("greeted", "yes");
                greet(conversation);
                conversation.schedule("done", conversation.now().plus(Duration.ofMinutes(30)));
            }
        }

        protected void greet(Conversation conversation) {
            conversation.reply("Hello! Answer anything and I'll let you go.");
        }

        @Override
        public void onMessage(MessageEvent event, Conversation conversation) {
            if (event.message().referral() != null) {
                return;
            }
            if (conversation.ownsThread()) {
                answer(conversation);
            }
        }

        protected void answer(Conversation conversation) {
            conversation.reply("Bye!");
            conversation.release("done");
            conversation.cancelTimer("done");
        }

        @Override
        public void onTimer(String timerName, Conversation conversation) {
            if (conversation.ownsThread()) {
                conversation.release("timed out");
            }
        }

        @Override
        public void onHandover(HandoverEvent event, Conversation conversation) {}
    }

    /** Never lets go of the thread. */
    public static final class ClingyApp extends PoliteApp {
        @Override
        protected void answer(Conversation conversation) {
            conversation.reply("I'm still here for you.");
        }

        @Override
        public void onTimer(String timerName, Conversation conversation) {}
    }

    /** Keeps talking when another app owns the thread. */
    public static final class ChattyApp extends PoliteApp {
        @Override
        public void onStandby(WebhookEvent event, Conversation conversation) {
            if (event instanceof MessageEvent) {
                conversation.reply("Don't forget me!");
            }
        }
    }

    /** Greets on every referral it is handed, duplicates included. */
    public static final class ForgetfulApp extends PoliteApp {
        @Override
        public void onReferral(ReferralEvent event, Conversation conversation) {
            if (conversation.ownsThread()) {
                greet(conversation);
                conversation.schedule("done", conversation.now().plus(Duration.ofMinutes(30)));
            }
        }
    }
}
