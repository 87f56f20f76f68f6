package dev.baton.store.postgres.failover;

import com.google.inject.Module;
import dev.baton.event.MessageEvent;
import dev.baton.runtime.DeploymentAppContext;
import dev.baton.runtime.GuiceAppPlugin;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The failover test's app, run inside each child instance: answers every message with
 * {@code re:TEXT@INSTANCE}, sets a two-second timer for a text ending in {@code -remind} (its firing answers
 * {@code nudge:TEXT@INSTANCE}), and holds a text starting with {@code slow} for four seconds before
 * answering (so the test can freeze an instance mid-callback). Before answering it keeps {@code TEXT@INSTANCE}
 * as the conversation's state {@code last} (a fenced store write). Every step is one line appended to a file
 * outside the child: {@code kind TAB instance TAB user TAB text TAB redelivered TAB millis}, with kind {@code handled},
 * {@code sent}, {@code refused} (the send was refused: the instance no longer runs the conversation),
 * {@code state-refused} (the state write was refused, for the same reason), {@code slow} (a slow callback
 * began) or {@code timer}.
 */
public final class FailoverRecorderPlugin implements GuiceAppPlugin {

    /** The app's {@code settings:} block. */
    public record Settings(String file) {}

    @Override
    public String name() {
        return "failover-recorder";
    }

    @Override
    public Module module(DeploymentAppContext context) {
        Settings settings = context.settings(Settings.class);
        return GuiceAppPlugin.instance(new RecordingApp(Path.of(settings.file()), System.getenv("INSTANCE")));
    }

    static final class RecordingApp implements ConversationApp {

        private final FileOutputStream out;
        private final String instance;

        RecordingApp(Path file, String instance) {
            this.instance = instance;
            try {
                this.out = new FileOutputStream(file.toFile(), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void record(String kind, String user, String text, boolean redelivered) {
            // The trailing SOH character (U+0001) marks a whole line, so a reader never takes a half-written one.
            String line = kind + "\t" + instance + "\t" + user + "\t" + text + "\t" + redelivered + "\t"
                    + System.currentTimeMillis() + "\u0001\n";
            try {
                synchronized (out) {
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onMessage(MessageEvent event, Conversation conversation) {
            String user = event.conversation().userId();
            String text = event.message().text();
            record("handled", user, text, conversation.redelivered());
            if (text.startsWith("slow")) {
                record("slow", user, text, conversation.redelivered());
                try {
                    Thread.sleep(4_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            try {
                conversation.state().put("last", text + "@" + instance);
            } catch (RuntimeException e) {
                record("state-refused", user, text, conversation.redelivered());
            }
            if (text.endsWith("-remind")) {
                conversation.schedule("nudge-" + text, conversation.now().plus(Duration.ofSeconds(2)));
            }
            answer(conversation, user, text, "re:" + text + "@" + instance, conversation.redelivered());
        }

        @Override
        public void onTimer(String timerName, Conversation conversation) {
            String user = conversation.key().userId();
            record("timer", user, timerName, conversation.redelivered());
            answer(conversation, user, timerName, "nudge:" + timerName + "@" + instance, conversation.redelivered());
        }

        private void answer(Conversation conversation, String user, String text, String reply, boolean redelivered) {
            try {
                conversation.reply(reply);
                record("sent", user, text, redelivered);
            } catch (IllegalStateException e) {
                record("refused", user, text, redelivered);
            } catch (RuntimeException e) {
                record("failed", user, text, redelivered);
            }
        }
    }
}
