package dev.baton.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One crash run, shared by {@code CrashTest} (ten kills, in the default suite) and the benchmarks'
 * {@code CrashLoop} (as many as asked): the real launcher ({@link PageProcess}) with the default SQLite store
 * and the {@link CrashRecorderPlugin} app, Meta played by {@link MessageSender} threads, SIGKILL at seeded
 * random moments after some traffic got through, a restart after each kill, then a graceful stop (SIGTERM)
 * once every acknowledged mid was handled or a minute passed. Plain Java (no test library), so that a main
 * class can run it. Not thread-safe: one run at a time per directory.
 */
public final class CrashRun {

    /** The page, and the secrets the child gets through its environment (none may appear in its output). */
    public static final String PAGE = "100200300";
    public static final Map<String, String> SECRETS = Map.of("CRASH_SECRET", "crash-test-app-secret-5b1d",
            "CRASH_TOKEN", "crash-token-9e2a", "CRASH_VERIFY", "crash-verify-0c4f");

    /**
     * {@code logbackConfig}: the child's logging configuration, or null for none (a class path without
     * Logback logs nothing).
     */
    public record Settings(int cycles, int senders, int usersPerSender, int workers, long seed, Path logbackConfig) {
        public Settings {
            if (cycles < 1 || senders < 1 || usersPerSender < 1 || workers < 1) {
                throw new IllegalArgumentException("cycles, senders, users and workers must be at least 1");
            }
        }
    }

    /** The report, how the child ended its graceful stop, and where its output went. */
    public record Outcome(CrashReport report, int stopExitCode, Path childLog) {}

    private static final Duration READY_LIMIT = Duration.ofSeconds(90);
    private static final int ACKS_BEFORE_KILL = 10;

    private final Path dir;
    private final Settings settings;
    private final Consumer<String> progress;

    public CrashRun(Path dir, Settings settings, Consumer<String> progress) {
        this.dir = dir;
        this.settings = settings;
        this.progress = progress;
    }

    /** True when the launcher is on the class path (the child runs the same class path). */
    public static boolean launcherAvailable() {
        try {
            Class.forName(PageProcess.LAUNCHER, false, CrashRun.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    public Outcome run() throws IOException, InterruptedException {
        Path records = Files.createFile(dir.resolve("handled.tsv"));
        Path log = dir.resolve("child.log");
        int port = freePort();
        Path config = CrashConfig.write(dir, port, settings.workers(), records);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/webhooks/recorder");
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        List<MessageSender> senders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < settings.senders(); s++) {
            List<String> users = new ArrayList<>();
            for (int u = 0; u < settings.usersPerSender(); u++) {
                users.add("user-" + s + "-" + u);
            }
            MessageSender sender = new MessageSender(client, () -> endpoint, SECRETS.get("CRASH_SECRET"), PAGE,
                    users, settings.seed() + s, acknowledged);
            senders.add(sender);
            threads.add(new Thread(sender, "meta-sender-" + s));
        }
        Random random = new Random(settings.seed());
        PageProcess page = start(config, port, log, client, "first start");
        try {
            threads.forEach(Thread::start);
            for (int cycle = 0; cycle < settings.cycles(); cycle++) {
                int ackedBefore = acknowledged.size();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                // let some traffic through before the kill, then kill at a random moment
                while (acknowledged.size() < ackedBefore + ACKS_BEFORE_KILL && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(random.nextInt(400));
                page.kill();
                page = start(config, port, log, client, "restart " + (cycle + 1));
                progress.accept("kill " + (cycle + 1) + ": " + acknowledged.size() + " acknowledged so far");
            }
            senders.forEach(MessageSender::stop);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(60).toMillis());
            }
            Set<String> acked = new LinkedHashSet<>(acknowledged);
            awaitHandled(records, acked, Duration.ofSeconds(60));
            int exit = page.stop();
            return new Outcome(CrashReport.of(settings.cycles(), acked, CrashReport.read(records)), exit, log);
        } finally {
            senders.forEach(MessageSender::stop);
            page.kill();
        }
    }

    private PageProcess start(Path config, int port, Path log, HttpClient client, String what)
            throws IOException, InterruptedException {
        PageProcess page = PageProcess.start(config, port, SECRETS, log, settings.logbackConfig());
        if (!page.awaitReady(client, READY_LIMIT)) {
            page.kill();
            throw new IllegalStateException(what + " of the child did not become ready; see " + log);
        }
        return page;
    }

    private static void awaitHandled(Path records, Set<String> acked, Duration limit)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> handled = new HashSet<>();
            CrashReport.read(records).forEach(delivery -> handled.add(delivery.mid()));
            if (handled.containsAll(acked)) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
