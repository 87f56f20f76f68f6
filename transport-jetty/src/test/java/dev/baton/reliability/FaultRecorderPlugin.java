package dev.baton.reliability;

import com.google.inject.Module;
import dev.baton.event.EchoEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.graph.error.GraphException;
import dev.baton.graph.error.GraphTransportException;
import dev.baton.graph.error.OtherGraphException;
import dev.baton.graph.error.SendTimedOutException;
import dev.baton.reliability.FaultRecord.Attempt;
import dev.baton.reliability.FaultRecord.Kind;
import dev.baton.reliability.FaultRecord.Outcome;
import dev.baton.runtime.DeploymentAppContext;
import dev.baton.runtime.GuiceAppPlugin;
import dev.baton.send.SendResponse;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.ThreadOwnership;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The fault suite's app (plugin {@code fault-recorder}; one instance per hosted app): writes down every
 * message and echo it is handed ({@code messaging[]} or standby) and, for each message it owns, replies
 * {@code "<app>: <text>"}; the words of the text steer it further: {@code hold} waits for the test first,
 * {@code quiet} skips the reply, {@code pass} passes the thread to the default app after the reply (the
 * default app itself does not), {@code human} passes it to the Page Inbox. Every
 * send and pass is recorded with what the Graph client answered. The timer {@code owner-check} records what
 * {@code Conversation.owner()} says.
 */
final class FaultRecorderPlugin implements GuiceAppPlugin {

    static final String NAME = "fault-recorder";
    static final String OWNER_CHECK = "owner-check";
    static final String PAGE_INBOX = "263902037430900";

    private final FaultRecord record;

    FaultRecorderPlugin(FaultRecord record) {
        this.record = record;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Module module(DeploymentAppContext context) {
        boolean isDefault = context.defaultAppId().map(context.app().appId()::equals).orElse(false);
        return GuiceAppPlugin.instance(new RecordingApp(context.app().name(), isDefault, record));
    }

    static final class RecordingApp implements ConversationApp {

        private final String appName;
        private final boolean isDefault;
        private final FaultRecord record;

        RecordingApp(String appName, boolean isDefault, FaultRecord record) {
            this.appName = appName;
            this.isDefault = isDefault;
            this.record = record;
        }

        @Override
        public void onMessage(MessageEvent event, Conversation conversation) {
            record.saw(appName, "message:" + event.message().mid());
            String text = event.message().text() == null ? "" : event.message().text();
            List<String> words = Arrays.asList(text.split(" "));
            if (words.contains("hold")) {
                record.waitIfHeld();
            }
            String reply = appName + ": " + text;
            if (!words.contains("quiet")) {
                call(conversation, Kind.SEND, reply, () -> conversation.reply(reply));
            }
            if (words.contains("pass") && !isDefault) {
                call(conversation, Kind.PASS, "default", () -> {
                    conversation.passTo(null, "done");
                    return null;
                });
            }
            if (words.contains("human")) {
                call(conversation, Kind.PASS, PAGE_INBOX, () -> {
                    conversation.passTo(PAGE_INBOX, "human");
                    return null;
                });
            }
        }

        @Override
        public void onEcho(EchoEvent event, Conversation conversation) {
            record.saw(appName, "echo:" + event.message().mid());
        }

        @Override
        public void onStandby(WebhookEvent event, Conversation conversation) {
            if (event instanceof MessageEvent message) {
                record.saw(appName, "message:" + message.message().mid());
            } else if (event instanceof EchoEvent echo) {
                record.saw(appName, "echo:" + echo.message().mid());
            }
        }

        @Override
        public void onTimer(String timerName, Conversation conversation) {
            if (OWNER_CHECK.equals(timerName)) {
                ThreadOwnership owner = conversation.owner();
                record.ownerAnswer(appName, conversation.key().userId(),
                        new FaultRecord.OwnerAnswer(owner.ownerAppId(), owner.isOwnedBy(conversation.appId())));
            }
        }

        private void call(Conversation conversation, Kind kind, String subject, Supplier<SendResponse> call) {
            String psid = conversation.key().userId();
            try {
                SendResponse response = call.get();
                record.attempted(new Attempt(appName, psid, kind, subject, Outcome.DONE,
                        response == null ? null : response.messageId(), null));
            } catch (SendTimedOutException e) {
                record.attempted(new Attempt(appName, psid, kind, subject, Outcome.UNKNOWN, null, name(e)));
            } catch (GraphTransportException e) {
                record.attempted(new Attempt(appName, psid, kind, subject,
                        e.nothingSent() ? Outcome.FAILED : Outcome.UNKNOWN, null, name(e)));
            } catch (GraphException e) {
                // An answer without Meta's envelope (a proxy's 502) cannot say whether Meta acted.
                boolean unknown = e instanceof OtherGraphException other && other.error().code() == -1;
                record.attempted(new Attempt(appName, psid, kind, subject, unknown ? Outcome.UNKNOWN : Outcome.FAILED,
                        null, name(e)));
            }
        }

        private static String name(Exception e) {
            return e.getClass().getSimpleName();
        }
    }
}
