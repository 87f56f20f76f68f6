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

/**
 * A test-only app for the crash test, run inside the child JVM: every message it is handed becomes one line
 * {@code app <TAB> user <TAB> mid <TAB> redelivered <TAB> run} appended to a file outside the child, where
 * {@code run} tells one start of the child from another. Each line is one
 * {@code write} on a file opened for appending, so a SIGKILL of the child cannot lose or tear a line the
 * handler returned from (the kernel has it; only a power cut could). A mid starting with {@code hold-} is
 * recorded and then held for two minutes (a handler that outlasts the shutdown timeout).
 */
public final class CrashRecorderPlugin implements GuiceAppPlugin {

    static final String HOLD_PREFIX = "hold-";

    /** The app's {@code settings:} block. */
    public record Settings(String file) {}

    @Override
    public String name() {
        return "crash-recorder";
    }

    @Override
    public Module module(DeploymentAppContext context) {
        Settings settings = context.settings(Settings.class);
        return GuiceAppPlugin.instance(new RecordingApp(context.app().name(), Path.of(settings.file())));
    }

    static final class RecordingApp implements ConversationApp {

        private final String appName;
        private final FileOutputStream out;
        private final String run = UUID.randomUUID().toString();

        RecordingApp(String appName, Path file) {
            this.appName = appName;
            try {
                this.out = new FileOutputStream(file.toFile(), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onMessage(MessageEvent event, Conversation conversation) {
            String line = appName + "\t" + event.conversation().userId() + "\t" + event.message().mid() + "\t"
                    + conversation.redelivered() + "\t" + run + "\n";
            try {
                synchronized (out) {
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (event.message().mid().startsWith(HOLD_PREFIX)) {
                try {
                    Thread.sleep(120_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
