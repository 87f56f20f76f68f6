package dev.baton.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher in a child JVM with the default SQLite store, Meta played by several sender threads,
 * and SIGKILL at seeded random moments, ten times over. A test-only app ({@link CrashRecorderPlugin}) writes
 * every message it is handed to a file outside the child. Checked at the end: no mid was handed to the
 * handler twice; each conversation's messages were handled in the order sent; and every acknowledged
 * message was handled, except one the child was killed in the middle of handing over: its dedupe key is
 * then in the database (it was claimed, the handler may or may not have started), which is the one window
 * a kill can hit. Those are counted and reported, and bounded by one per lane per kill. The child logs at
 * DEBUG throughout; its whole output must hold none of the app secret, access token or verify token.
 */
class CrashTest {

    private static final long SEED = 0xC0FFEE_2026L;
    private static final int CYCLES = 10;
    private static final int SENDERS = 4;
    private static final int USERS_PER_SENDER = 6;
    private static final int WORKERS = 4;
    private static final String PAGE = "100200300";
    private static final String SECRET = "crash-test-app-secret-5b1d";

    @TempDir
    Path dir;

    @Test
    void acknowledgedMessagesSurviveRepeatedSigkills() throws Exception {
        assumeTrue(onClassPath(PageProcess.LAUNCHER), "the Page launcher is not built yet");
        Path records = dir.resolve("handled.tsv");
        Files.createFile(records);
        Path log = dir.resolve("child.log");
        Path logback = dir.resolve("logback-debug.xml");
        Files.writeString(logback, DEBUG_LOGGING);
        int port = freePort();
        Path config = writeConfig(port, records);
        Map<String, String> environment = Map.of("CRASH_SECRET", SECRET, "CRASH_TOKEN", "crash-token-9e2a",
                "CRASH_VERIFY", "crash-verify-0c4f");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/webhooks/recorder");
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        List<MessageSender> senders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            List<String> users = new ArrayList<>();
            for (int u = 0; u < USERS_PER_SENDER; u++) {
                users.add("user-" + s + "-" + u);
            }
            MessageSender sender = new MessageSender(client, () -> endpoint, SECRET, PAGE, users, SEED + s,
                    acknowledged);
            senders.add(sender);
            threads.add(new Thread(sender, "meta-sender-" + s));
        }
        Random random = new Random(SEED);
        PageProcess page = PageProcess.start(config, port, environment, log, logback);
        try {
            assertThat(page.awaitReady(client, Duration.ofSeconds(90))).as("first start; see %s", log).isTrue();
            threads.forEach(Thread::start);
            int acknowledgedAtKill = 0;
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                int ackedBefore = acknowledged.size();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                // let some traffic through before the kill, then kill at a random moment
                while (acknowledged.size() < ackedBefore + 10 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(random.nextInt(400));
                page.kill();
                acknowledgedAtKill = acknowledged.size();
                page = PageProcess.start(config, port, environment, log, logback);
                assertThat(page.awaitReady(client, Duration.ofSeconds(90))).as("restart %d; see %s", cycle, log)
                        .isTrue();
            }
            senders.forEach(MessageSender::stop);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(60).toMillis());
            }
            Set<String> acked = new LinkedHashSet<>(acknowledged);
            awaitHandled(records, acked, Duration.ofSeconds(60));
            assertThat(page.stop()).as("graceful stop (143: ended by SIGTERM after the shutdown hook)").isIn(0, 143);
            verify(records, acked, acknowledgedAtKill);
            assertNoSecretIn(log, environment);
        } finally {
            senders.forEach(MessageSender::stop);
            page.kill();
        }
    }

    private void verify(Path records, Set<String> acked, int acknowledgedAtKill) throws Exception {
        List<String[]> lines = read(records);
        Set<String> handled = new HashSet<>();
        List<String> handedTwice = new ArrayList<>();
        Map<String, Integer> lastSeq = new HashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        for (String[] line : lines) {
            String mid = line[2];
            if (!handled.add(mid)) {
                handedTwice.add(mid);
            }
            String user = line[1].substring(line[1].indexOf('/') + 1);
            int seq = Integer.parseInt(mid.substring(mid.lastIndexOf('-') + 1));
            Integer previous = lastSeq.put(user, seq);
            if (previous != null && seq <= previous) {
                outOfOrder.add(user + ": " + previous + " then " + seq);
            }
        }
        Set<String> missing = new LinkedHashSet<>(acked);
        missing.removeAll(handled);
        Set<String> claimed = claimedKeys(missing);
        Set<String> lost = new LinkedHashSet<>(missing);
        lost.removeAll(claimed);

        System.out.printf("crash test: %d cycles, %d messages acknowledged (%d before the last kill), %d handled,"
                + " %d handed twice, %d out of order, %d interrupted mid-handover, %d lost%n", CYCLES, acked.size(),
                acknowledgedAtKill, handled.size(), handedTwice.size(), outOfOrder.size(), claimed.size(), lost.size());
        assertThat(acked).as("traffic got through").hasSizeGreaterThan(CYCLES * 10);
        assertThat(handedTwice).as("mids handed to the handler twice").isEmpty();
        assertThat(outOfOrder).as("per-conversation order").isEmpty();
        assertThat(lost).as("acknowledged, never handled, never claimed").isEmpty();
        assertThat(claimed.size()).as("interrupted mid-handover").isLessThanOrEqualTo(CYCLES * WORKERS);
    }

    /** The child ran at DEBUG through start-up, traffic, ten kills and a graceful stop: no secret may show. */
    private static void assertNoSecretIn(Path log, Map<String, String> environment) throws IOException {
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(output).as("the child logged at DEBUG").contains("DEBUG");
        for (String secret : environment.values()) {
            assertThat(output).as("child output").doesNotContain(secret);
        }
    }

    private static final String DEBUG_LOGGING = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n</pattern></encoder>
              </appender>
              <root level="DEBUG"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    /** The mids among {@code mids} whose dedupe key the dispatcher had committed for the recorder app. */
    private Set<String> claimedKeys(Set<String> mids) throws Exception {
        Set<String> claimed = new HashSet<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/baton.db"));
                PreparedStatement query = db.prepareStatement(
                        "SELECT 1 FROM dedupe_key WHERE app = 'recorder' AND event_key LIKE ?")) {
            for (String mid : mids) {
                query.setString(1, "%" + mid);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        claimed.add(mid);
                    }
                }
            }
        }
        return claimed;
    }

    private static void awaitHandled(Path records, Set<String> acked, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> handled = new HashSet<>();
            read(records).forEach(line -> handled.add(line[2]));
            if (handled.containsAll(acked)) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static List<String[]> read(Path records) throws IOException {
        List<String[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(records, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(line.split("\t"));
            }
        }
        return lines;
    }

    private Path writeConfig(int port, Path records) throws IOException {
        String yaml = """
                page: { id: "%s", platform: messenger }
                dataDir: "%s"
                graph: { baseUrl: "http://127.0.0.1:9", threadControl: send-api }
                server: { host: 127.0.0.1, port: %d, shutdownTimeout: 10s }
                store: { type: sqlite }
                dispatch: { workers: %d }
                apps:
                  - name: recorder
                    plugin: crash-recorder
                    appId: "111"
                    role: custom
                    secret: "${CRASH_SECRET}"
                    accessToken: "${CRASH_TOKEN}"
                    verifyToken: "${CRASH_VERIFY}"
                    settings: { file: "%s" }
                """.formatted(PAGE, dir.resolve("data"), port, WORKERS, records);
        Path config = dir.resolve("page.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, CrashTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
