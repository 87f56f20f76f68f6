package dev.baton.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar emulator/target/baton-emulator.jar [--port N] [--host H] [--graph-calls-per-second N]
 * [--batch-window-ms N] [--tls-self-signed | --tls-keystore FILE [--tls-keystore-password PW]]
 * [--tls-cert-out FILE]}: runs the emulator until the process is stopped. Prints its base URL on stdout, and
 * with HTTPS the certificate's SHA-256 fingerprint.
 */
public final class EmulatorMain {

    /** Where the keystore password is read from when {@code --tls-keystore-password} is not given. */
    static final String PASSWORD_VARIABLE = "BATON_EMULATOR_TLS_PASSWORD";

    private EmulatorMain() {}

    /** The parsed command line: options, and where to write the certificate (null: nowhere). */
    record CommandLine(EmulatorOptions options, Path certificateOut) {}

    public static void main(String[] args) throws InterruptedException {
        CommandLine commandLine;
        try {
            commandLine = parse(args, System.getenv());
        } catch (IllegalArgumentException | IllegalStateException e) {
            usage(System.err, e.getMessage());
            System.exit(2);
            return;
        }
        EmulatorOptions options = commandLine.options();
        if (commandLine.certificateOut() != null && options.tls() != null) {
            try {
                Files.writeString(commandLine.certificateOut(), options.tls().certificatePem(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                usage(System.err, "cannot write the certificate to " + commandLine.certificateOut() + ": " + e.getMessage());
                System.exit(2);
                return;
            }
        }
        Emulator emulator = Emulator.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown"));
        System.out.println("Baton emulator listening on " + emulator.baseUrl()
                + " (Graph API under /v{N}/, control API under /_emulator/)");
        emulator.tls().ifPresent(tls -> {
            System.out.println("TLS certificate SHA-256 fingerprint: " + tls.fingerprintSha256());
            if (commandLine.certificateOut() != null) {
                System.out.println("TLS certificate (PEM) written to " + commandLine.certificateOut());
            }
        });
        System.out.println("Console: " + emulator.consoleUrl());
        System.out.flush();
        stopped.await();
    }

    static EmulatorOptions parse(String[] args) {
        return parse(args, Map.of()).options();
    }

    static CommandLine parse(String[] args, Map<String, String> environment) {
        EmulatorOptions options = EmulatorOptions.DEFAULTS;
        boolean selfSigned = false;
        Path keystore = null;
        String password = null;
        Path certificateOut = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (flag.equals("--tls-self-signed")) {
                selfSigned = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> options = options.withPort(number(flag, value));
                case "--host" -> options = options.withHost(value);
                case "--graph-calls-per-second" -> options = options.withGraphCallsPerSecond(number(flag, value));
                case "--batch-window-ms" -> options = options.withBatchWindow(Duration.ofMillis(number(flag, value)));
                case "--tls-keystore" -> keystore = Path.of(value);
                case "--tls-keystore-password" -> password = value;
                case "--tls-cert-out" -> certificateOut = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (selfSigned && keystore != null) {
            throw new IllegalArgumentException("give --tls-self-signed or --tls-keystore, not both");
        }
        if (password != null && keystore == null) {
            throw new IllegalArgumentException("--tls-keystore-password needs --tls-keystore");
        }
        if (keystore != null) {
            if (password == null) {
                password = environment.get(PASSWORD_VARIABLE);
            }
            if (password == null) {
                throw new IllegalArgumentException("--tls-keystore needs a password: --tls-keystore-password or "
                        + PASSWORD_VARIABLE);
            }
            options = options.withTls(EmulatorTls.fromKeystore(keystore, password));
        } else if (selfSigned) {
            options = options.withTls(EmulatorTls.selfSigned());
        }
        if (certificateOut != null && options.tls() == null) {
            throw new IllegalArgumentException("--tls-cert-out needs --tls-self-signed or --tls-keystore");
        }
        return new CommandLine(options, certificateOut);
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
                + " [--batch-window-ms N]\n"
                + "       [--tls-self-signed | --tls-keystore FILE [--tls-keystore-password PW]] [--tls-cert-out FILE]\n"
                + "  --tls-self-signed      HTTPS with a certificate made at start-up (localhost, 127.0.0.1, ::1)\n"
                + "  --tls-keystore FILE    HTTPS with this PKCS12/JKS keystore; password from the option or "
                + PASSWORD_VARIABLE + "\n"
                + "  --tls-cert-out FILE    also write the served certificate as PEM (for curl --cacert, trust stores)");
    }
}
