package dev.baton.store.postgres.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.DeliveryRecord;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.EmulatorOptions;
import dev.baton.emulator.PageRegistration;
import dev.baton.emulator.TranscriptLine;
import dev.baton.testkit.PostgresExtension;
import dev.baton.testkit.PageChild;
import dev.baton.testkit.RoundRobinBalancer;
import dev.baton.testkit.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Page on three instances (the real launcher in three child JVMs) on one PostgreSQL, behind a loopback
 * round-robin load balancer, with the emulator as Meta and people writing steadily. Mid-stream one instance
 * is killed with SIGKILL; later another is stopped with SIGTERM and a new one joins. Checked against the
 * emulator's records and the instances' own: every message Meta got a 200 for reached the handler at least
 * once; repeats only flagged redelivered; replies in order per person; no answer an instance refused (it no
 * longer ran the conversation) reached Meta; each timer fired once; the killed instance's conversations
 * resumed within two lease TTLs. An instance frozen past its lease is {@link FencingTest}'s.
 */
@ExtendWith(PostgresExtension.class)
class FailoverTest {

    private static final String PAGE = "7000";
    private static final String APP_ID = "7001";
    private static final Map<String, String> SECRETS = Map.of("FO_SECRET", "failover-app-secret-31c9",
            "FO_TOKEN", "failover-token-77de", "FO_VERIFY", "failover-verify-5a0b");
    private static final Duration TTL = Duration.ofSeconds(5);
    private static final Duration READY = Duration.ofSeconds(120);
    private static final int WRITERS = 3;
    private static final int PEOPLE_PER_WRITER = 4;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** One line of the instances' record file. */
    record Line(String kind, String instance, String user, String text, boolean redelivered, long atMillis) {
        static Line parse(String raw) {
            String[] f = raw.split("\t");
            return new Line(f[0], f[1], f[2], f[3], Boolean.parseBoolean(f[4]), Long.parseLong(f[5]));
        }
    }

    @Test
    void acknowledgedMessagesSurviveKillsStopsJoinsAndAFreezeInOrder(TestPostgres postgres) throws Exception {
        Path records = Files.createFile(dir.resolve("records.tsv"));
        String url = postgres.newDatabase();
        List<PageChild> peers = new ArrayList<>();
        List<Writer> writers = new ArrayList<>();
        try (Emulator emulator = Emulator.start(EmulatorOptions.forTests());
                RoundRobinBalancer balancer = new RoundRobinBalancer()) {
            String yaml = yaml(emulator.baseUrl(), url, postgres, records);
            Map<String, String> environment = new HashMap<>(SECRETS);
            for (String name : List.of("a", "b", "c")) {
                peers.add(PageChild.start(name, dir, yaml, environment));
            }
            for (PageChild peer : peers) {
                assertThat(peer.awaitReady(http, READY)).as(peer.name + " ready; its log:\n" + peer.logTail()).isTrue();
                balancer.add(peer.base);
            }
            emulator.registerPage(PageRegistration.messenger(PAGE, APP_ID, List.of(AppRegistration.of(APP_ID,
                    "recorder", SECRETS.get("FO_SECRET"), SECRETS.get("FO_TOKEN"),
                    balancer.uri("/webhooks/recorder"), SECRETS.get("FO_VERIFY")))));
            for (int w = 0; w < WRITERS; w++) {
                List<String> people = new ArrayList<>();
                for (int p = 0; p < PEOPLE_PER_WRITER; p++) {
                    people.add("9" + w + p);
                }
                Writer writer = new Writer(emulator, people);
                writers.add(writer);
                writer.start();
            }
            PageChild a = peers.get(0);
            PageChild b = peers.get(1);
            PageChild c = peers.get(2);

            // 1. SIGKILL a mid-stream.
            awaitRecords(records, lines -> count(lines, "handled", null) >= 40);
            long killedAt = System.currentTimeMillis();
            a.kill();
            balancer.remove(a.base);
            Set<String> usersOfA = new HashSet<>();
            for (Line line : read(records)) {
                if (line.kind().equals("handled") && line.instance().equals("a")) {
                    usersOfA.add(line.user());
                }
            }
            // Every conversation a ran is run again by a survivor (people keep writing).
            awaitRecords(records, lines -> usersOfA.stream().allMatch(user -> lines.stream().anyMatch(line ->
                    line.kind().equals("handled") && line.user().equals(user) && !line.instance().equals("a")
                            && line.atMillis() > killedAt)));
            long resumedAfter = 0;
            List<Line> afterKill = read(records);
            for (String user : usersOfA) {
                long first = afterKill.stream().filter(line -> line.kind().equals("handled")
                        && line.user().equals(user) && !line.instance().equals("a") && line.atMillis() > killedAt)
                        .mapToLong(Line::atMillis).min().orElseThrow();
                resumedAfter = Math.max(resumedAfter, first - killedAt);
            }

            // 2. SIGTERM b; d joins.
            awaitRecords(records, lines -> count(lines, "handled", null) >= count(afterKill, "handled", null) + 30);
            balancer.remove(b.base);
            int bExit = b.stop();
            PageChild d = PageChild.start("d", dir, yaml, environment);
            peers.add(d);
            assertThat(d.awaitReady(http, READY)).as("d ready; its log:\n" + d.logTail()).isTrue();
            balancer.add(d.base);
            int before = count(read(records), "handled", null);
            awaitRecords(records, lines -> count(lines, "handled", "d") >= 10 && count(lines, "handled", null) >= before + 30);

            // 3. Quiet down and wait for everything acknowledged (and its timers).
            awaitRecords(records, lines -> count(lines, "handled", null) >= before + 60);
            writers.forEach(Writer::stopWriting);
            for (Writer writer : writers) {
                writer.join(60_000);
            }
            assertThat(emulator.awaitDeliveries(Duration.ofSeconds(60))).isTrue();
            Set<String> acknowledged = acknowledged(emulator.deliveries(APP_ID));
            awaitRecords(records, lines -> handledTexts(lines).containsAll(acknowledged)
                    && timersOf(lines).containsAll(remindTexts(acknowledged)));
            Thread.sleep(3_000); // a late duplicate would show now

            List<Line> lines = read(records);
            System.out.println("failover test: " + acknowledged.size() + " acknowledged, "
                    + count(lines, "handled", null) + " handled, " + lines.stream().filter(Line::redelivered).count()
                    + " redelivered, killed instance's conversations resumed after " + resumedAfter + " ms");

            assertThat(bExit).as("graceful stop").isIn(0, 143);
            assertThat(acknowledged.size()).as("traffic got through").isGreaterThan(100);
            assertThat(handledTexts(lines)).as("acknowledged, never handled").containsAll(acknowledged);
            assertRepeatsFlagged(lines, "handled");
            assertRepeatsFlagged(lines, "timer");
            assertThat(resumedAfter).as("killed instance's conversations resumed (ms)")
                    .isLessThanOrEqualTo(TTL.multipliedBy(2).toMillis());
            Map<String, Long> timerFirings = new HashMap<>();
            for (Line line : lines) {
                if (line.kind().equals("timer") && !line.redelivered()) {
                    timerFirings.merge(line.text(), 1L, Long::sum);
                }
            }
            assertThat(timerFirings.values()).as("unflagged firings per timer").allMatch(n -> n == 1);
            assertThat(timersOf(lines)).containsAll(remindTexts(acknowledged));

            // No refused answer reached Meta from the instance that refused it.
            for (Line refused : lines) {
                if (refused.kind().equals("refused")) {
                    String reply = "re:" + refused.text() + "@" + refused.instance();
                    assertThat(emulator.conversation(PAGE, refused.user()).orElseThrow().transcript())
                            .noneMatch(line -> reply.equals(line.text()));
                }
            }
            // Replies in order per person: the first answer to each message comes in the order they were
            // written (a redelivered message may be answered again later; its repeat is flagged above).
            for (Writer writer : writers) {
                for (String user : writer.people) {
                    List<Integer> firstAnswers = new ArrayList<>();
                    Set<Integer> answered = new HashSet<>();
                    for (TranscriptLine line : emulator.conversation(PAGE, user).orElseThrow().transcript()) {
                        if (line.direction() == TranscriptLine.Direction.OUTBOUND && line.text() != null
                                && line.text().startsWith("re:" + user + "-")) {
                            String rest = line.text().substring(("re:" + user + "-").length());
                            int n = Integer.parseInt(rest.substring(0, rest.indexOf(rest.contains("-remind")
                                    ? "-remind" : "@")));
                            if (answered.add(n)) {
                                firstAnswers.add(n);
                            }
                        }
                    }
                    assertThat(firstAnswers).as("first answers to " + user).isSorted().isNotEmpty();
                }
            }
        } finally {
            writers.forEach(Writer::stopWriting);
            for (PageChild peer : peers) {
                if (peer.isAlive()) {
                    peer.resume();
                    peer.stop();
                }
            }
        }
    }

    private static void assertRepeatsFlagged(List<Line> lines, String kind) {
        Set<String> seen = new HashSet<>();
        for (Line line : lines) {
            if (line.kind().equals(kind) && !seen.add(line.text())) {
                assertThat(line.redelivered()).as(kind + " again without the flag: " + line).isTrue();
            }
        }
    }

    private static Set<String> remindTexts(Set<String> acknowledged) {
        Set<String> out = new HashSet<>();
        for (String text : acknowledged) {
            if (text.endsWith("-remind")) {
                out.add("nudge-" + text);
            }
        }
        return out;
    }

    private static Set<String> timersOf(List<Line> lines) {
        Set<String> out = new HashSet<>();
        lines.stream().filter(line -> line.kind().equals("timer")).forEach(line -> out.add(line.text()));
        return out;
    }

    private static Set<String> handledTexts(List<Line> lines) {
        Set<String> out = new HashSet<>();
        lines.stream().filter(line -> line.kind().equals("handled")).forEach(line -> out.add(line.text()));
        return out;
    }

    private static int count(List<Line> lines, String kind, String instance) {
        return (int) lines.stream().filter(line -> line.kind().equals(kind)
                && (instance == null || line.instance().equals(instance))).count();
    }

    /** The message texts of every POST the app answered with 2xx. */
    private static Set<String> acknowledged(List<DeliveryRecord> deliveries) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> texts = new LinkedHashSet<>();
        for (DeliveryRecord delivery : deliveries) {
            if (!delivery.succeeded()) {
                continue;
            }
            for (JsonNode entry : json.readTree(delivery.body()).path("entry")) {
                for (JsonNode messaging : entry.path("messaging")) {
                    JsonNode message = messaging.path("message");
                    if (message.has("text") && !message.path("is_echo").asBoolean(false)) {
                        texts.add(message.path("text").asText());
                    }
                }
            }
        }
        return texts;
    }

    private static List<Line> read(Path records) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (String raw : Files.readAllLines(records, StandardCharsets.UTF_8)) {
            if (raw.endsWith("\u0001")) {
                lines.add(Line.parse(raw.substring(0, raw.length() - 1)));
            } // else a line being written right now
        }
        return lines;
    }

    private static void awaitRecords(Path records, Predicate<List<Line>> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.test(read(records))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the instances' records did not get there in 3 minutes; see " + records);
            }
            Thread.sleep(100);
        }
    }

    private static String yaml(String graphUrl, String jdbcUrl, TestPostgres postgres, Path records) {
        return """
                page: { id: "%s", platform: messenger }
                graph: { baseUrl: "%s", threadControl: send-api }
                server: { host: 127.0.0.1, port: @PORT@, shutdownTimeout: 10s }
                store: { type: postgres, url: "%s", user: "%s"%s, leaseTtl: %ds, buckets: 16, poolSize: 6 }
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
                postgres.password() == null ? "" : ", password: \"" + postgres.password() + "\"", TTL.toSeconds(), APP_ID, records);
    }

    /** One person-writer thread: its people write in turn, one message at a time each, steadily. */
    private static final class Writer extends Thread {
        final List<String> people;
        private final Emulator emulator;
        private final Map<String, Integer> next = new HashMap<>();
        private final List<String[]> extras = new CopyOnWriteArrayList<>();
        private volatile boolean stopping;

        Writer(Emulator emulator, List<String> people) {
            super("person-writer");
            setDaemon(true);
            this.emulator = emulator;
            this.people = people;
        }

        void sendExtra(String user, String text) {
            extras.add(new String[] {user, text});
        }

        void stopWriting() {
            stopping = true;
        }

        @Override
        public void run() {
            int turn = 0;
            while (!stopping) {
                try {
                    if (!extras.isEmpty()) {
                        String[] extra = extras.remove(0);
                        emulator.person(PAGE, extra[0]).text(extra[1]);
                        continue;
                    }
                    String user = people.get(turn++ % people.size());
                    int n = next.merge(user, 1, Integer::sum);
                    emulator.person(PAGE, user).text(user + "-" + n + (n % 5 == 0 ? "-remind" : ""));
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the emulator keeps retrying the webhook on its own; the person just writes on
                }
            }
        }
    }
}
