package dev.baton.reliability;

import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.EmulatorOptions;
import dev.baton.emulator.GraphCall;
import dev.baton.emulator.PageRegistration;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One crash run, shared by {@code CrashTest} (a few kills, in the default suite) and the benchmarks'
 * {@code CrashLoop} (as many as asked): the real launcher ({@link PageProcess}) with the default SQLite store
 * and the {@link CrashRecorderPlugin} app, Meta played by {@link MessageSender} threads posting webhooks and by
 * the emulator answering the app's Graph calls, SIGKILL at seeded random moments after some traffic got
 * through, a restart after each kill, then a graceful stop (SIGTERM) once every acknowledged mid was handled
 * and both its calls answered, or two minutes passed.
 *
 * <p>Ownership, as the emulator rules it: the recorder's app is the Page's default app and may take control
 * (its send while another app owns takes the thread back); each message is answered and the thread passed to
 * the Page Inbox, so the next message's reply takes it back. A repeated pass (in flight at a kill, made again
 * on redelivery) finds the Inbox owning and is refused: that is still a call Meta received twice. Each person
 * wrote to the Page in the emulator first, so the 24-hour window is open.
 *
 * <p>With an {@code answerDelay} every Graph call is done at once and answered that much later (the
 * emulator's slow-answer fault), so that calls are in flight at the kills. Plain Java (no test library), so
 * that a main class can run it. Not thread-safe: one run at a time per directory.
 */
public final class CrashRun {

    /** The page, and the secrets the child gets through its environment (none may appear in its output). */
    public static final String PAGE = "100200300";
    /** The recorder's Meta app id: the Page's default app. */
    public static final String APP = "111";
    public static final Map<String, String> SECRETS = Map.of("CRASH_SECRET", "crash-test-app-secret-5b1d",
            "CRASH_TOKEN", "crash-token-9e2a", "CRASH_VERIFY", "crash-verify-0c4f");

    /**
     * {@code logbackConfig}: the child's logging configuration, or null for none (a class path without
     * Logback logs nothing). {@code answerDelay}: how long the emulator holds back each Graph answer after
     * doing the call (zero: answered at once). {@code senderPause}: each sender's pause between batches, so
     * that handling (two Graph calls a message) keeps up with the traffic.
     */
    public record Settings(int cycles, int senders, int usersPerSender, int workers, long seed, Path logbackConfig,
            Duration answerDelay, Duration senderPause) {
        public Settings {
            if (cycles < 1 || senders < 1 || usersPerSender < 1 || workers < 1) {
                throw new IllegalArgumentException("cycles, senders, users and workers must be at least 1");
            }
            if (answerDelay.isNegative() || senderPause.isNegative()) {
                throw new IllegalArgumentException("answerDelay and senderPause must not be negative");
            }
        }
    }

    /**
     * The reports, the recorder's calls Meta turned away as over its rate limit (retried by the client, not in
     * {@code calls}), how the child ended its graceful stop, and where its output went.
     */
    public record Outcome(CrashReport report, CallReport calls, int throttledCalls, int stopExitCode, Path childLog) {}

    private static final Duration READY_LIMIT = Duration.ofSeconds(90);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(120);
    private static final int ACKS_BEFORE_KILL = 10;
    private static final int ANSWERS_BEFORE_KILL = 8;

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
        try (Emulator emulator = Emulator.start(EmulatorOptions.forTests())) {
            return run(emulator);
        }
    }

    private Outcome run(Emulator emulator) throws IOException, InterruptedException {
        Path records = Files.createFile(dir.resolve("handled.tsv"));
        Path answers = Files.createFile(dir.resolve("calls.tsv"));
        Path log = dir.resolve("child.log");
        int port = freePort();
        Path config = CrashConfig.writeWithCalls(dir, port, settings.workers(), records, emulator.baseUrl(), answers,
                PageRegistration.PAGE_INBOX_APP_ID);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/webhooks/recorder");
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        List<MessageSender> senders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<String> people = new ArrayList<>();
        for (int s = 0; s < settings.senders(); s++) {
            List<String> users = new ArrayList<>();
            for (int u = 0; u < settings.usersPerSender(); u++) {
                users.add("user-" + s + "-" + u);
            }
            people.addAll(users);
            MessageSender sender = new MessageSender(client, () -> endpoint, SECRETS.get("CRASH_SECRET"), PAGE,
                    users, settings.seed() + s, acknowledged, settings.senderPause());
            senders.add(sender);
            threads.add(new Thread(sender, "meta-sender-" + s));
        }
        openConversations(emulator, people);
        if (!settings.answerDelay().isZero()) {
            emulator.faults().slowNextGraphAnswers(Integer.MAX_VALUE, settings.answerDelay());
        }
        Random random = new Random(settings.seed());
        List<CallReport.Kill> kills = new ArrayList<>();
        PageProcess page = start(config, port, log, client, 0, "first start");
        try {
            threads.forEach(Thread::start);
            for (int cycle = 0; cycle < settings.cycles(); cycle++) {
                int ackedBefore = acknowledged.size();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                // Let some traffic through and some callbacks make their calls (a fresh JVM is slow at its
                // first ones), then kill at a random moment.
                while ((acknowledged.size() < ackedBefore + ACKS_BEFORE_KILL
                        || answersIn(answers, "run-" + cycle) < ANSWERS_BEFORE_KILL) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(random.nextInt(400));
                Instant signalled = Instant.now();
                page.kill();
                kills.add(new CallReport.Kill(signalled, Instant.now())); // dead: nothing it sends arrives later
                page = start(config, port, log, client, cycle + 1, "restart " + (cycle + 1));
                progress.accept("kill " + (cycle + 1) + ": " + acknowledged.size() + " acknowledged so far");
            }
            senders.forEach(MessageSender::stop);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(60).toMillis());
            }
            Set<String> acked = new LinkedHashSet<>(acknowledged);
            awaitSettled(records, answers, acked, SETTLE_LIMIT);
            int exit = page.stop();
            CrashReport report = CrashReport.of(settings.cycles(), acked, CrashReport.read(records));
            List<GraphCall> graphCalls = emulator.graphCalls();
            CallReport calls = CallReport.of(CallReport.receipts(graphCalls, APP), CallReport.readAnswers(answers),
                    kills, acked);
            return new Outcome(report, calls, CallReport.throttled(graphCalls, APP), exit, log);
        } finally {
            senders.forEach(MessageSender::stop);
            page.kill();
        }
    }

    /**
     * The Page in the emulator, the recorder's app its default app (allowed to take control), and one message
     * from each person: the conversation exists and its 24-hour window is open. The app has no webhook URL
     * there: the messages the child handles come from the senders, not from the emulator.
     */
    private static void openConversations(Emulator emulator, List<String> people) {
        emulator.registerPage(PageRegistration.messenger(PAGE, APP, List.of(AppRegistration.unsubscribed(APP,
                "Crash recorder", SECRETS.get("CRASH_SECRET"), SECRETS.get("CRASH_TOKEN")).withCanTakeControl(true))));
        for (String person : people) {
            emulator.person(PAGE, person).text("hello, Page");
        }
    }

    /** Starts the child; {@code run} numbers this start (the recorder's run id). */
    private PageProcess start(Path config, int port, Path log, HttpClient client, int run, String what)
            throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>(SECRETS);
        environment.put("CRASH_RUN", "run-" + run);
        PageProcess page = PageProcess.start(config, port, environment, log, settings.logbackConfig());
        if (!page.awaitReady(client, READY_LIMIT)) {
            page.kill();
            throw new IllegalStateException(what + " of the child did not become ready; see " + log);
        }
        return page;
    }

    /** How many call answers the recorder logged in this run. */
    private static long answersIn(Path answers, String run) throws IOException {
        return CallReport.readAnswers(answers).stream().filter(answer -> answer.run().equals(run)).count();
    }

    /** Waits until every acknowledged mid was handed to the app and the last of its calls was answered. */
    private static void awaitSettled(Path records, Path answers, Set<String> acked, Duration limit)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> handled = new HashSet<>();
            CrashReport.read(records).forEach(delivery -> handled.add(delivery.mid()));
            Set<String> answered = new HashSet<>();
            CallReport.readAnswers(answers).forEach(answer -> answered.add(answer.key()));
            if (handled.containsAll(acked) && acked.stream()
                    .allMatch(mid -> answered.contains(mid + "#" + CallReport.CALLS_PER_MESSAGE))) {
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
