package dev.baton.store.postgres.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.EmulatorOptions;
import dev.baton.emulator.PageRegistration;
import dev.baton.emulator.TranscriptLine;
import dev.baton.testkit.PostgresExtension;
import dev.baton.testkit.PageChild;
import dev.baton.testkit.RoundRobinBalancer;
import dev.baton.testkit.TestPostgres;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance frozen past its lease (SIGSTOP in the middle of a callback, with more of that conversation's
 * events queued behind it), then resumed (SIGCONT), writes nothing and sends nothing for the buckets it
 * lost. Two instances of the real launcher in child JVMs on one PostgreSQL, behind a round-robin balancer,
 * the emulator as Meta. While {@code f} is frozen, {@code k} takes its buckets over (their epochs rise) and
 * runs what {@code f} had not finished, flagged redelivered. Traffic then stops, and {@code f} is resumed.
 * Checked against the database rows and the emulator's records: every bucket {@code f} held has a newer
 * epoch; the conversation state {@code f}'s held-up callback tried to write is {@code k}'s, not {@code f}'s
 * (its write was refused); {@code f}'s held-up answer was refused and never reached Meta; after it woke,
 * {@code f} handled nothing and no message of {@code f}'s reached Meta until it served again; then, holding
 * buckets again (rebalanced, under new epochs), it answers new messages normally.
 */
@ExtendWith(PostgresExtension.class)
class FencingTest {

    private static final String PAGE = "7200";
    private static final String APP_ID = "7201";
    private static final Map<String, String> SECRETS = Map.of("FO_SECRET", "fencing-app-secret-4e1a",
            "FO_TOKEN", "fencing-token-0c93", "FO_VERIFY", "fencing-verify-b7d5");
    private static final Duration TTL = Duration.ofSeconds(3);
    private static final Duration READY = Duration.ofSeconds(120);
    private static final List<String> PEOPLE = List.of("601", "602", "603", "604", "605", "606", "607", "608");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void anInstanceFrozenPastItsLeaseWritesAndSendsNothingForTheBucketsItLost(TestPostgres postgres) throws Exception {
        Path records = Files.createFile(dir.resolve("records.tsv"));
        String database = postgres.newDatabase();
        List<PageChild> peers = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = null;
        try (Emulator emulator = Emulator.start(EmulatorOptions.forTests());
                RoundRobinBalancer balancer = new RoundRobinBalancer();
                Connection sql = connect(postgres, database)) {
            for (String name : List.of("k", "f")) {
                String yaml = yaml(emulator.baseUrl(), database, postgres, records, name);
                peers.add(PageChild.start(name, dir, yaml, new HashMap<>(SECRETS)));
            }
            for (PageChild peer : peers) {
                assertThat(peer.awaitReady(http, READY)).as(peer.name + " ready; its log:\n" + peer.logTail()).isTrue();
                balancer.add(peer.base);
            }
            PageChild keeper = peers.get(0);
            PageChild frozen = peers.get(1);
            emulator.registerPage(PageRegistration.messenger(PAGE, APP_ID, List.of(AppRegistration.of(APP_ID,
                    "recorder", SECRETS.get("FO_SECRET"), SECRETS.get("FO_TOKEN"),
                    balancer.uri("/webhooks/recorder"), SECRETS.get("FO_VERIFY")))));
            writer = new Thread(() -> {
                int n = 0;
                while (writing.get()) {
                    String user = PEOPLE.get(n % PEOPLE.size());
                    try {
                        emulator.person(PAGE, user).text(user + "-" + (++n));
                        Thread.sleep(40);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        // the emulator retries on its own
                    }
                }
            }, "person-writer");
            writer.setDaemon(true);
            writer.start();
            awaitRecords(records, lines -> count(lines, "handled", "k") >= 10 && count(lines, "handled", "f") >= 10);

            // f in the middle of a slow callback, two more of that person's messages journaled behind it.
            String slowUser = lastUserOf(read(records), "f");
            String slowText = "slow-" + slowUser;
            emulator.person(PAGE, slowUser).text(slowText);
            awaitRecords(records, lines -> lines.stream().anyMatch(line -> line.kind().equals("slow")
                    && line.instance().equals("f") && line.text().equals(slowText)));
            List<String> behind = List.of("behind1-" + slowUser, "behind2-" + slowUser);
            for (String text : behind) {
                emulator.person(PAGE, slowUser).text(text);
            }
            Map<Integer, Long> heldByFrozen = leases(sql, "f");
            assertThat(heldByFrozen).as("f holds buckets").isNotEmpty();
            frozen.freeze();
            balancer.remove(frozen.base);

            // k takes f's buckets over (new epochs) and runs what f had not finished; then the traffic stops.
            awaitTrue(() -> {
                Map<Integer, Long> now = leases(sql, "k");
                return heldByFrozen.entrySet().stream().allMatch(lease -> now.getOrDefault(lease.getKey(), 0L)
                        > lease.getValue());
            }, "k holds every bucket f held, under a newer epoch");
            awaitRecords(records, lines -> behind.stream().allMatch(text -> handledBy(lines, "k", text))
                    && handledBy(lines, "k", slowText));
            writing.set(false);
            writer.join(30_000);
            assertThat(emulator.awaitDeliveries(Duration.ofSeconds(60))).isTrue();
            awaitTrue(() -> undoneEvents(sql) == 0, "every journaled event done");
            Optional<String> stateBefore = state(sql, slowUser);

            // Wake f. Its callback goes on: the state write and the answer must both be refused.
            Instant resumedAt = Instant.now();
            long resumedAtMillis = System.currentTimeMillis();
            frozen.resume();
            awaitRecords(records, lines -> lines.stream().anyMatch(line -> line.kind().equals("refused")
                    && line.instance().equals("f") && line.text().equals(slowText)));
            // f rejoins: the spread gives it buckets again, each under a new epoch.
            awaitTrue(() -> !leases(sql, "f").isEmpty(), "f holds buckets again");
            Thread.sleep(TTL.toMillis()); // what it had queued for the lost buckets would have run by now

            List<Line> lines = read(records);
            List<Line> afterWaking = lines.stream().filter(line -> line.instance().equals("f")
                    && line.atMillis() >= resumedAtMillis).toList();
            System.out.println("fencing test: f held " + heldByFrozen.keySet() + "; after waking it recorded "
                    + afterWaking.stream().map(Line::kind).toList());
            assertThat(afterWaking).as("f after waking: only its held-up callback's refusals")
                    .allMatch(line -> line.text().equals(slowText)
                            && (line.kind().equals("refused") || line.kind().equals("state-refused")));
            assertThat(afterWaking).anyMatch(line -> line.kind().equals("state-refused"));
            assertThat(lines).as("the queued messages did not run on f")
                    .noneMatch(line -> line.instance().equals("f") && behind.contains(line.text()));
            assertThat(lines).as("k re-ran the held-up message, flagged").anyMatch(line -> line.instance().equals("k")
                    && line.kind().equals("handled") && line.text().equals(slowText) && line.redelivered());

            // The database: f's stale state write did not land; the buckets moved on.
            assertThat(state(sql, slowUser)).as("the conversation's state").isEqualTo(stateBefore);
            assertThat(state(sql, slowUser)).hasValueSatisfying(value -> assertThat(value).endsWith("@k"));
            Map<Integer, Long> epochsNow = epochs(sql);
            heldByFrozen.forEach((bucket, epoch) -> assertThat(epochsNow.get(bucket))
                    .as("epoch of bucket " + bucket).isGreaterThan(epoch));
            assertThat(undoneEvents(sql)).isZero();

            // The emulator: nothing from f after it woke, and its held-up answer never came.
            for (String user : PEOPLE) {
                for (TranscriptLine line : emulator.conversation(PAGE, user).orElseThrow().transcript()) {
                    if (line.direction() == TranscriptLine.Direction.OUTBOUND && line.text() != null) {
                        assertThat(line.text()).as("the held-up answer").isNotEqualTo("re:" + slowText + "@f");
                        if (line.text().endsWith("@f")) {
                            assertThat(line.at()).as("f's message " + line.text()).isBefore(resumedAt);
                        }
                    }
                }
            }
            assertThat(emulator.conversation(PAGE, slowUser).orElseThrow().transcript())
                    .anyMatch(line -> ("re:" + slowText + "@k").equals(line.text()));

            // f serves again, under its new leases: new messages to its conversations are answered by it.
            balancer.add(frozen.base);
            int n = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!read(records).stream().anyMatch(line -> line.instance().equals("f") && line.kind().equals("sent")
                    && line.atMillis() >= resumedAtMillis && line.text().startsWith("again-"))) {
                assertThat(System.nanoTime()).as("f answers again").isLessThan(deadline);
                String user = PEOPLE.get(n++ % PEOPLE.size());
                emulator.person(PAGE, user).text("again-" + user + "-" + n);
                Thread.sleep(100);
            }
            assertThat(keeper.isAlive()).isTrue();
        } finally {
            writing.set(false);
            for (PageChild peer : peers) {
                if (peer.isAlive()) {
                    peer.resume();
                    peer.stop();
                }
            }
        }
    }

    /** One line of the instances' record file (see {@link FailoverRecorderPlugin}). */
    record Line(String kind, String instance, String user, String text, boolean redelivered, long atMillis) {
        static Line parse(String raw) {
            String[] f = raw.split("\t");
            return new Line(f[0], f[1], f[2], f[3], Boolean.parseBoolean(f[4]), Long.parseLong(f[5]));
        }
    }

    private static boolean handledBy(List<Line> lines, String instance, String text) {
        return lines.stream().anyMatch(line -> line.kind().equals("handled") && line.instance().equals(instance)
                && line.text().equals(text));
    }

    private static String lastUserOf(List<Line> lines, String instance) {
        String user = null;
        for (Line line : lines) {
            if (line.kind().equals("handled") && line.instance().equals(instance)) {
                user = line.user();
            }
        }
        assertThat(user).as(instance + " runs some conversation").isNotNull();
        return user;
    }

    private static int count(List<Line> lines, String kind, String instance) {
        return (int) lines.stream().filter(line -> line.kind().equals(kind) && line.instance().equals(instance)).count();
    }

    private static Connection connect(TestPostgres postgres, String jdbcUrl) throws SQLException {
        String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        int query = name.indexOf('?');
        return postgres.connect(query < 0 ? name : name.substring(0, query));
    }

    /** The buckets {@code holder} holds in the lease table (unexpired), with their epochs. */
    private static Map<Integer, Long> leases(Connection sql, String holder) {
        Map<Integer, Long> out = new HashMap<>();
        try (PreparedStatement statement = sql.prepareStatement(
                "SELECT bucket, epoch FROM baton_bucket WHERE holder = ? AND expires_at > now()")) {
            statement.setString(1, holder);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.put(rows.getInt(1), rows.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static Map<Integer, Long> epochs(Connection sql) throws SQLException {
        Map<Integer, Long> out = new HashMap<>();
        try (Statement statement = sql.createStatement();
                ResultSet rows = statement.executeQuery("SELECT bucket, epoch FROM baton_bucket")) {
            while (rows.next()) {
                out.put(rows.getInt(1), rows.getLong(2));
            }
        }
        return out;
    }

    private static long undoneEvents(Connection sql) {
        try (Statement statement = sql.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM journal_event WHERE NOT done")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> state(Connection sql, String user) throws SQLException {
        try (PreparedStatement statement = sql.prepareStatement(
                "SELECT value FROM app_state WHERE page_id = ? AND user_id = ? AND name = 'last'")) {
            statement.setString(1, PAGE);
            statement.setString(2, user);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static List<Line> read(Path records) {
        List<Line> lines = new ArrayList<>();
        try {
            for (String raw : Files.readAllLines(records, StandardCharsets.UTF_8)) {
                if (raw.endsWith("\u0001")) {
                    lines.add(Line.parse(raw.substring(0, raw.length() - 1)));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return lines;
    }

    private static void awaitRecords(Path records, Predicate<List<Line>> condition) throws InterruptedException {
        awaitTrue(() -> condition.test(read(records)), "the instances' records (" + records + ")");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 3 minutes: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static String yaml(String graphUrl, String jdbcUrl, TestPostgres postgres, Path records, String instance) {
        return """
                page: { id: "%s", platform: messenger }
                graph: { baseUrl: "%s", threadControl: send-api }
                server: { host: 127.0.0.1, port: @PORT@, shutdownTimeout: 10s }
                store: { type: postgres, url: "%s", user: "%s"%s, leaseTtl: %ds, buckets: 16, poolSize: 4, instanceId: "%s" }
                dispatch: { workers: 4 }
                apps:
                  - name: recorder
                    plugin: failover-recorder
                    appId: "%s"
                    role: default
                    secret: "${FO_SECRET}"
                    accessToken: "${FO_TOKEN}"
                    verifyToken: "${FO_VERIFY}"
                    settings: { file: "%s" }
                """.formatted(PAGE, graphUrl, jdbcUrl, postgres.user(),
                postgres.password() == null ? "" : ", password: \"" + postgres.password() + "\"", TTL.toSeconds(),
                instance, APP_ID, records);
    }
}
