package dev.baton.benchmarks.failover;

import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.EmulatorOptions;
import dev.baton.emulator.PageRegistration;
import dev.baton.emulator.TranscriptLine;
import dev.baton.testkit.PostgresExtension;
import dev.baton.testkit.PageChild;
import dev.baton.testkit.RoundRobinBalancer;
import dev.baton.testkit.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kill-to-survivor time of a Page on several instances: PostgreSQL ({@code BATON_BENCH_POSTGRES_URL}, or one
 * started from the Maven-provided binaries), the emulator as Meta behind a loopback round-robin balancer, and
 * {@code --instances} instances of the shipped Page jar ({@code examples/page-deployment/target/
 * baton-example-page.jar}, {@code store.type: postgres}) as OS processes, with {@link EchoPlugin} added to
 * their class path. People write steadily. Each round SIGKILLs the oldest instance and measures, at the
 * emulator (its transcript's times), the time from the SIGKILL to the first answer from a survivor in a
 * conversation the killed instance had been answering ("first"), and to the moment every such conversation
 * had one ("all"); then starts a replacement and waits until it answers too. Prints each round, then
 * min/median/max over {@code --kills} rounds and the load average.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.baton.benchmarks.failover.FailoverTimer
 *     [--instances 3] [--kills 5] [--ttl 5s] [--buckets 16] [--people 24] [--jar path]</pre>
 */
public final class FailoverTimer {

    /** The shipped jar's entry point, which runs the production launcher. */
    static final String SHIPPED_MAIN = "com.example.page.PageMain";
    private static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC");

    private static final String PAGE = "7300";
    private static final String APP_ID = "7301";
    private static final Map<String, String> SECRETS = Map.of("FT_SECRET", "timer-app-secret-2c8e",
            "FT_TOKEN", "timer-token-5a1d", "FT_VERIFY", "timer-verify-93bf");
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private FailoverTimer() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int instances = Integer.parseInt(options.getOrDefault("instances", "3"));
        int kills = Integer.parseInt(options.getOrDefault("kills", "5"));
        Duration ttl = dev.baton.config.Durations.parse(options.getOrDefault("ttl", "5s"));
        int buckets = Integer.parseInt(options.getOrDefault("buckets", "16"));
        int people = Integer.parseInt(options.getOrDefault("people", "24"));
        Path jar = Path.of(options.getOrDefault("jar", "examples/page-deployment/target/baton-example-page.jar"));
        if (instances < 2 || kills < 1 || !Files.isRegularFile(jar)) {
            System.err.println("need --instances >= 2, --kills >= 1 and the Page jar (build it with"
                    + " mvn -q -DskipTests package): " + jar.toAbsolutePath());
            System.exit(2);
        }
        String loadBefore = loadAverage();
        Path dir = Files.createTempDirectory("baton-failover-timer");
        List<Round> rounds = new ArrayList<>();
        try (PostgresExtension.AutoCloseableServer server = PostgresExtension.startServer(
                        System.getenv("BATON_BENCH_POSTGRES_URL"));
                Emulator emulator = Emulator.start(EmulatorOptions.forTests());
                RoundRobinBalancer balancer = new RoundRobinBalancer()) {
            TestPostgres postgres = server.postgres();
            String yaml = yaml(emulator.baseUrl(), postgres.newDatabase(), postgres, ttl, buckets);
            String classPath = jar.toAbsolutePath() + java.io.File.pathSeparator + pluginDirectory(dir);
            HttpClient http = HttpClient.newHttpClient();
            List<PageChild> live = new ArrayList<>();
            int started = 0;
            for (int i = 0; i < instances; i++) {
                live.add(PageChild.start("i" + (++started), dir, yaml, SECRETS, SHIPPED_MAIN, classPath, JVM));
            }
            for (PageChild child : live) {
                require(child.awaitReady(http, PATIENCE), child.name + " did not get ready:\n" + child.logTail());
                balancer.add(child.base);
            }
            emulator.registerPage(PageRegistration.messenger(PAGE, APP_ID, List.of(AppRegistration.of(APP_ID,
                    "echo", SECRETS.get("FT_SECRET"), SECRETS.get("FT_TOKEN"), balancer.uri("/webhooks/echo"),
                    SECRETS.get("FT_VERIFY")))));
            List<String> persons = new ArrayList<>();
            for (int p = 0; p < people; p++) {
                persons.add(String.valueOf(5000 + p));
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = writer(emulator, persons, writing);
            try {
                for (int round = 1; round <= kills; round++) {
                    // Settled: the spread after the last join is done (two renewal periods and more), and each
                    // person's last three answers came from one instance, every live instance among them.
                    Thread.sleep(ttl.multipliedBy(2).toMillis());
                    Map<String, String> holder = awaitSettled(emulator, persons, live);
                    PageChild victim = live.remove(0);
                    Set<String> victims = new HashSet<>();
                    holder.forEach((person, instance) -> {
                        if (instance.equals(victim.name)) {
                            victims.add(person);
                        }
                    });
                    Instant killedAt = Instant.now();
                    victim.kill();
                    balancer.remove(victim.base);
                    Round measured = awaitTakeover(emulator, victims, victim.name, killedAt, round);
                    rounds.add(measured);
                    System.out.printf(Locale.ROOT, "kill %d: %s (%d conversations): first answer from a survivor"
                            + " after %d ms, all after %d ms%n", round, victim.name, victims.size(),
                            measured.firstMillis, measured.allMillis);
                    PageChild replacement = PageChild.start("i" + (++started), dir, yaml, SECRETS, SHIPPED_MAIN, classPath, JVM);
                    require(replacement.awaitReady(http, PATIENCE), replacement.name + " did not get ready:\n"
                            + replacement.logTail());
                    balancer.add(replacement.base);
                    live.add(replacement);
                }
            } finally {
                writing.set(false);
                writer.join(10_000);
                for (PageChild child : live) {
                    child.stop();
                }
            }
        }
        List<Long> first = rounds.stream().map(r -> r.firstMillis).sorted().toList();
        List<Long> all = rounds.stream().map(r -> r.allMillis).sorted().toList();
        System.out.printf(Locale.ROOT, "%d instances, lease TTL %s, %d buckets, %d kills%n", instances, ttl, buckets,
                rounds.size());
        System.out.printf(Locale.ROOT, "SIGKILL -> first event of the killed instance's conversations answered by a"
                + " survivor: min %d ms, median %d ms, max %d ms%n", first.get(0), median(first), first.get(first.size() - 1));
        System.out.printf(Locale.ROOT, "SIGKILL -> every one of them answered again: min %d ms, median %d ms, max"
                + " %d ms%n", all.get(0), median(all), all.get(all.size() - 1));
        System.out.println("load average before: " + loadBefore + "; after: " + loadAverage());
    }

    /** One kill: milliseconds to the first survivor answer and to the last of the victim's conversations. */
    private record Round(long firstMillis, long allMillis) {}

    private static Round awaitTakeover(Emulator emulator, Set<String> victims, String victim, Instant killedAt,
            int round) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Map<String, Instant> firstAfter = new HashMap<>();
            for (String person : victims) {
                firstSurvivorAnswer(emulator, person, victim, killedAt).ifPresent(at -> firstAfter.put(person, at));
            }
            if (!victims.isEmpty() && firstAfter.size() == victims.size()) {
                long first = firstAfter.values().stream().mapToLong(at -> Duration.between(killedAt, at).toMillis())
                        .min().orElseThrow();
                long all = firstAfter.values().stream().mapToLong(at -> Duration.between(killedAt, at).toMillis())
                        .max().orElseThrow();
                return new Round(first, all);
            }
            require(System.nanoTime() < deadline, "round " + round + ": the killed instance's conversations were"
                    + " not answered by a survivor within " + PATIENCE + " (" + victims + ")");
            Thread.sleep(20);
        }
    }

    private static Optional<Instant> firstSurvivorAnswer(Emulator emulator, String person, String victim,
            Instant after) {
        return emulator.conversation(PAGE, person).flatMap(view -> view.transcript().stream()
                .filter(line -> line.direction() == TranscriptLine.Direction.OUTBOUND && line.text() != null
                        && line.text().startsWith("re:") && !line.text().endsWith("@" + victim)
                        && line.at().isAfter(after))
                .map(TranscriptLine::at).findFirst());
    }

    /**
     * Until each person's last three answers came from one instance and every live instance is among them;
     * answers who that is, per person.
     */
    private static Map<String, String> awaitSettled(Emulator emulator, List<String> persons, List<PageChild> live)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Map<String, String> holder = new HashMap<>();
            boolean settled = true;
            for (String person : persons) {
                List<String> answerers = new ArrayList<>();
                emulator.conversation(PAGE, person).ifPresent(view -> {
                    for (TranscriptLine line : view.transcript()) {
                        if (line.direction() == TranscriptLine.Direction.OUTBOUND && line.text() != null
                                && line.text().startsWith("re:")) {
                            answerers.add(line.text().substring(line.text().lastIndexOf('@') + 1));
                        }
                    }
                });
                List<String> last = answerers.subList(Math.max(0, answerers.size() - 3), answerers.size());
                if (last.size() < 3 || new HashSet<>(last).size() != 1) {
                    settled = false;
                    break;
                }
                holder.put(person, last.get(0));
            }
            if (settled && live.stream().allMatch(child -> holder.containsValue(child.name))) {
                return holder;
            }
            require(System.nanoTime() < deadline, "the instances did not settle on a spread: " + holder);
            Thread.sleep(200);
        }
    }

    private static Thread writer(Emulator emulator, List<String> persons, AtomicBoolean writing) {
        Thread writer = new Thread(() -> {
            int n = 0;
            while (writing.get()) {
                String person = persons.get(n % persons.size());
                try {
                    emulator.person(PAGE, person).text(person + "-" + (++n));
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the emulator retries the webhook on its own
                }
            }
        }, "person-writer");
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    /** A directory with {@link EchoPlugin}'s class files and its service file, for the children's class path. */
    private static Path pluginDirectory(Path dir) throws IOException {
        Path root = dir.resolve("echo-plugin");
        for (Class<?> type : List.of(EchoPlugin.class, EchoPlugin.Echo.class)) {
            String resource = type.getName().replace('.', '/') + ".class";
            Path target = root.resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = FailoverTimer.class.getClassLoader().getResourceAsStream(resource)) {
                require(in != null, "class file not found: " + resource);
                Files.copy(in, target);
            }
        }
        Path services = root.resolve("META-INF/services/dev.baton.spi.AppPlugin");
        Files.createDirectories(services.getParent());
        Files.writeString(services, EchoPlugin.class.getName() + "\n", StandardCharsets.UTF_8);
        return root;
    }

    private static String yaml(String graphUrl, String jdbcUrl, TestPostgres postgres, Duration ttl, int buckets) {
        return """
                page: { id: "%s", platform: messenger }
                graph: { baseUrl: "%s", threadControl: send-api }
                server: { host: 127.0.0.1, port: @PORT@, shutdownTimeout: 10s }
                store: { type: postgres, url: "%s", user: "%s"%s, leaseTtl: %dms, buckets: %d, poolSize: 4 }
                dispatch: { workers: 4 }
                apps:
                  - name: echo
                    plugin: failover-echo
                    appId: "%s"
                    role: default
                    secret: "${FT_SECRET}"
                    accessToken: "${FT_TOKEN}"
                    verifyToken: "${FT_VERIFY}"
                """.formatted(PAGE, graphUrl, jdbcUrl, postgres.user(),
                postgres.password() == null ? "" : ", password: \"" + postgres.password() + "\"", ttl.toMillis(),
                buckets, APP_ID);
    }

    private static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            require(args[i].startsWith("--"), "options are --name value: " + args[i]);
            out.put(args[i].substring(2), args[i + 1]);
        }
        require(args.length % 2 == 0, "options are --name value pairs");
        return out;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
