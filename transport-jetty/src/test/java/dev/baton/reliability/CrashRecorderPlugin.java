package dev.baton.reliability;

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
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A test-only app for the crash test, run inside the child JVM: every message it is handed becomes one line
 * {@code app <TAB> user <TAB> mid <TAB> redelivered <TAB> run} appended to a file outside the child, where
 * {@code run} tells one start of the child from another (the {@code run} setting, else a random id). Each line
 * is one {@code write} on a file opened for appending, so a SIGKILL of the child cannot lose or tear a line
 * the handler returned from (the kernel has it; only a power cut could). A mid starting with {@code hold-} is
 * recorded and then held for two minutes (a handler that outlasts the shutdown timeout).
 *
 * <p>With a {@code calls} file the handler then makes two Graph calls, as a Conversation Routing app
 * answering and handing on does: it replies {@code <mid>#1} (sent while another app owns the thread, the
 * reply takes it back: the app may take control) and passes the thread to {@code passTo} with metadata
 * {@code <mid>#2}. After each call returns (Meta's answer, or the send record's on a redelivery) it appends
 * {@code <mid>#<n> <TAB> outcome <TAB> run <TAB> epoch millis} to that file: which answers reached the
 * deployment, and when. A refused call (the repeated pass of a thread the Inbox already has) is an answer
 * too; the handler goes on.
 */
public final class CrashRecorderPlugin implements GuiceAppPlugin {

    static final String HOLD_PREFIX = "hold-";

    /** The app's {@code settings:} block. */
    public record Settings(String file, String calls, String passTo, String run) {}

    @Override
    public String name() {
        return "crash-recorder";
    }

    @Override
    public Module module(DeploymentAppContext context) {
        Settings settings = context.settings(Settings.class);
        return GuiceAppPlugin.instance(new RecordingApp(context.app().name(), Path.of(settings.file()),
                settings.calls() == null ? null : Path.of(settings.calls()), settings.passTo(),
                settings.run() == null ? UUID.randomUUID().toString() : settings.run()));
    }

    static final class RecordingApp implements ConversationApp {

        private final String appName;
        private final FileOutputStream out;
        private final FileOutputStream calls;
        private final String passTo;
        private final String run;

        RecordingApp(String appName, Path file, Path callsFile, String passTo, String run) {
            this.appName = appName;
            this.passTo = passTo;
            this.run = run;
            try {
                this.out = new FileOutputStream(file.toFile(), true);
                this.calls = callsFile == null ? null : new FileOutputStream(callsFile.toFile(), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onMessage(MessageEvent event, Conversation conversation) {
            String line = appName + "\t" + event.conversation().userId() + "\t" + event.message().mid() + "\t"
                    + conversation.redelivered() + "\t" + run + "\n";
            append(out, line);
            if (calls != null) {
                String mid = event.message().mid();
                call(mid + "#1", () -> "sent:" + conversation.reply(mid + "#1").messageId());
                call(mid + "#2", () -> {
                    conversation.passTo(passTo, mid + "#2");
                    return "passed";
                });
            }
            if (event.message().mid().startsWith(HOLD_PREFIX)) {
                try {
                    Thread.sleep(120_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Makes one call and appends its outcome once it returned; a refusal is an outcome, not an end. */
        private void call(String key, Supplier<String> call) {
            String outcome;
            try {
                outcome = call.get();
            } catch (RuntimeException refused) {
                outcome = "refused:" + refused.getClass().getSimpleName();
            }
            append(calls, key + "\t" + outcome + "\t" + run + "\t" + System.currentTimeMillis() + "\n");
        }

        private static void append(FileOutputStream file, String line) {
            try {
                synchronized (file) {
                    file.write(line.getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
