package dev.baton.emulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar emulator/target/baton-emulator.jar [--port N] [--host H] [--graph-calls-per-second N]
 * [--batch-window-ms N]}: runs the emulator until the process is stopped. Prints its base URL on stdout.
 */
public final class EmulatorMain {

    private EmulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmulatorOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            usage(System.err, e.getMessage());
            System.exit(2);
            return;
        }
        Emulator emulator = Emulator.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown"));
        System.out.println("Baton emulator listening on " + emulator.baseUrl()
                + " (Graph API under /v{N}/, control API under /_emulator/)");
        System.out.flush();
        stopped.await();
    }

    static EmulatorOptions parse(String[] args) {
        EmulatorOptions options = EmulatorOptions.DEFAULTS;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            options = switch (flag) {
                case "--port" -> options.withPort(number(flag, value));
                case "--host" -> new EmulatorOptions(value, options.port(), options.graphCallsPerSecond(),
                        options.batchWindow(), options.deliveryTimeout(), options.retryInitialBackoff(),
                        options.retryMaxBackoff(), options.unsubscribeAfter(), options.actionTimeout());
                case "--graph-calls-per-second" -> options.withGraphCallsPerSecond(number(flag, value));
                case "--batch-window-ms" -> options.withBatchWindow(Duration.ofMillis(number(flag, value)));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            };
        }
        return options;
    }

    private static int number(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, got " + value);
        }
    }

    private static void usage(PrintStream out, String problem) {
        if (!problem.isEmpty()) {
            out.println(problem);
        }
        out.println("usage: java -jar baton-emulator.jar [--port N] [--host H] [--graph-calls-per-second N]"
                + " [--batch-window-ms N]");
    }
}
