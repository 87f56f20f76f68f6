package dev.baton.benchmarks.failover;

import dev.baton.event.MessageEvent;
import dev.baton.spi.AppContext;
import dev.baton.spi.AppPlugin;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;

/**
 * The app {@link FailoverTimer} adds to the shipped Page jar in each child instance: answers every text with
 * {@code re:TEXT@INSTANCE} ({@code INSTANCE} from the environment), so the emulator's transcript tells which
 * instance handled each message. Written against baton-spi only, so that its two class files run on the
 * example jar's class path.
 */
public final class EchoPlugin implements AppPlugin {

    @Override
    public String name() {
        return "failover-echo";
    }

    @Override
    public ConversationApp create(AppContext context) {
        return new Echo(System.getenv().getOrDefault("INSTANCE", "?"));
    }

    /** The app itself. */
    static final class Echo implements ConversationApp {
        private final String instance;

        Echo(String instance) {
            this.instance = instance;
        }

        @Override
        public void onMessage(MessageEvent event, Conversation conversation) {
            String text = event.message().text();
            if (text != null) {
                conversation.reply("re:" + text + "@" + instance);
            }
        }
    }
}
