package dev.baton.benchmarks.ingest;

import dev.baton.benchmarks.durability.JournalAppendHarness;
import dev.baton.config.AppConfig;
import dev.baton.config.DispatchSettings;
import dev.baton.config.PageConfig;
import dev.baton.config.PageSettings;
import dev.baton.config.ServerSettings;
import dev.baton.config.StoreSettings;
import dev.baton.dispatch.OutboundFactory;
import dev.baton.event.Platform;
import dev.baton.launcher.PageLauncher;
import dev.baton.launcher.RunningPage;
import dev.baton.runtime.GuiceAppPlugin;
import dev.baton.runtime.PluginRegistry;
import dev.baton.spi.AppRole;
import dev.baton.spi.ConversationApp;
import dev.baton.testing.RecordingOutbound;
import dev.baton.transport.BatonServer;
import dev.baton.server.HostedDeployment;
import dev.baton.transport.ServerOptions;
import dev.baton.server.WebhookAnswer;
import dev.baton.server.WebhookEndpoint;
import dev.baton.webhook.WebhookSignature;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Webhook ingest over HTTP: signed 1-event batches against (1) the same Jetty server with an endpoint that
 * answers 200 without work (the ceiling) and (2) the real deployment (verify, parse, journal, dispatch to a
 * no-op app) with the in-memory journal, the durable SQLite one, or both in turn ({@code --journal both}: the
 * issue's "durable vs in-memory in the same run", with the same client settings). Each target is driven
 * closed-loop for its maximum throughput, then open-loop at one fixed rate for time-to-200 percentiles; one
 * table at the end. {@code postgres}: the PostgreSQL store on a server on this machine
 * ({@code BATON_BENCH_POSTGRES_URL}, or one started from the Maven-provided binaries with fsync and
 * synchronous commit on, as the tests do). Non-200 answers are 503s: the dispatcher's queue stayed full for
 * {@code dispatch.admissionWait} ({@code --workers} sets {@code dispatch.workers}; a conversation waiting for
 * its claim's sync holds no worker, so the durable path does not need many).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.baton.benchmarks.ingest.IngestLoadHarness \
 *     [--journal memory|sqlite|postgres|both|durable (sqlite and postgres)|all] [--seconds 10] [--connections 16] [--rate 0 (half the ceiling)]
 *     [--workers 8 (dispatch.workers)] [--replies 0 (replies per message: what the send record costs)]
 *     [--events 1 (messages per POST, from as many people; events/s = requests/s x events)]
 * </pre>
 */
public final class IngestLoadHarness {

    static final String SECRET = "load-harness-secret";
    static final int DISTINCT_REQUESTS = 20_000;

    public static void main(String[] args) throws Exception {
        String journal = option(args, "--journal", "memory");
        double seconds = Double.parseDouble(option(args, "--seconds", "10"));
        int connections = Integer.parseInt(option(args, "--connections", "16"));
        double rate = Double.parseDouble(option(args, "--rate", "0"));
        int events = Integer.parseInt(option(args, "--events", "1"));
        int workers = Integer.parseInt(option(args, "--workers", String.valueOf(DispatchSettings.DEFAULTS.workers())));
        int replies = Integer.parseInt(option(args, "--replies", "0"));
        List<String> journals = switch (journal) {
            case "both" -> List.of("memory", "sqlite");
            case "durable" -> List.of("sqlite", "postgres");
            case "all" -> List.of("memory", "sqlite", "postgres");
            case "memory", "sqlite", "postgres" -> List.of(journal);
            default -> throw new IllegalArgumentException(
                    "--journal must be memory, sqlite, postgres, both, durable or all: " + journal);
        };
        if (events < 1) {
            throw new IllegalArgumentException("--events must be at least 1: " + events);
        }
        byte[][] requests = signedRequests(events);
        LoadClient.RequestFactory factory = sequence -> requests[(int) (sequence % requests.length)];
        System.out.printf(Locale.ROOT, "journal=%s seconds=%.0f connections=%d events per POST=%d dispatch workers=%d"
                + " replies=%d cores=%d load average=%.2f%n", journal, seconds, connections, events, workers, replies,
                Runtime.getRuntime().availableProcessors(), loadAverage());

        Map<String, LoadClient.Result> table = new LinkedHashMap<>();
        BatonServer ceiling = BatonServer.start(new NoWork(), ServerOptions.loopback(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        double fixedRate;
        try {
            LoadClient.run(ceiling.port(), connections, 0, Math.min(5, seconds), factory); // warm-up
            LoadClient.Result ceilingMax = LoadClient.run(ceiling.port(), connections, 0, seconds, factory);
            table.put("closed loop | ceiling (200 without work)", ceilingMax);
            // Half the ceiling: a load every target can carry, so the percentiles show latency, not queueing.
            fixedRate = rate > 0 ? rate : Math.max(100, Math.floor(0.5 * ceilingMax.throughput() / 100) * 100);
            table.put("fixed " + (long) fixedRate + "/s | ceiling",
                    LoadClient.run(ceiling.port(), connections, fixedRate, seconds, factory));
        } finally {
            ceiling.stop();
        }
        List<String> dispatchLines = new java.util.ArrayList<>();
        for (String kind : journals) {
            Path dataDir = Files.createTempDirectory("baton-load");
            BenchPostgres postgres = kind.equals("postgres") ? BenchPostgres.start() : null;
            PageConfig config = (postgres != null ? postgres.config(config("memory", dataDir)) : config(kind, dataDir)).withDispatch(DispatchSettings.DEFAULTS.withWorkers(workers));
            RunningPage page = PageLauncher.start(config, builder -> builder
                    .plugins(PluginRegistry.of(new NoOpPlugin(replies)))
                    .outbound((OutboundFactory) app -> new RecordingOutbound()));
            try {
                long answered = 0;
                LoadClient.Result warmUp = LoadClient.run(page.server().port(), connections, 0, Math.min(5, seconds), factory);
                answered += warmUp.ok();
                LoadClient.Result closed = LoadClient.run(page.server().port(), connections, 0, seconds, factory);
                answered += closed.ok();
                table.put("closed loop | baton, " + kind + " journal (load " + String.format(Locale.ROOT, "%.1f", loadAverage()) + ")", closed);
                LoadClient.Result fixed = LoadClient.run(page.server().port(), connections, fixedRate, seconds, factory);
                answered += fixed.ok();
                table.put("fixed " + (long) fixedRate + "/s | baton, " + kind + " journal (load "
                        + String.format(Locale.ROOT, "%.1f", loadAverage()) + ")", fixed);
                if (kind.equals("sqlite")) {
                    JournalAppendHarness.printWriterFigures(page.registry());
                }
                if (kind.equals("postgres")) {
                    printPostgresFigures(page.registry());
                }
                dispatchLines.add(kind + ": " + dispatchCatchUp(page.registry(), answered * events));
            } finally {
                page.stop();
                deleteRecursively(dataDir);
                if (postgres != null) {
                    postgres.close();
                }
            }
        }
        System.out.println();
        System.out.println("| run | target | requests/s | events/s | p50 | p99 | p99.9 | non-200 | unsent |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        table.forEach((label, result) -> System.out.printf(Locale.ROOT,
                "| %s | %,.0f | %,.0f | %.2f ms | %.2f ms | %.2f ms | %d | %d |%n", label, result.throughput(),
                result.throughput() * events, result.percentileMillis(0.50), result.percentileMillis(0.99),
                result.percentileMillis(0.999), result.failed(), result.unsent()));
        double ceilingRate = table.get("closed loop | ceiling (200 without work)").throughput();
        Map<String, Double> closedRates = new LinkedHashMap<>();
        table.forEach((label, result) -> {
            for (String kind : journals) {
                if (label.startsWith("closed loop | baton, " + kind + " journal")) {
                    closedRates.put(kind, result.throughput());
                }
            }
        });
        closedRates.forEach((kind, throughput) -> System.out.printf(Locale.ROOT, "ratio baton (%s) / ceiling = %.2f%n",
                kind, throughput / ceilingRate));
        if (closedRates.containsKey("postgres") && closedRates.containsKey("sqlite")) {
            System.out.printf(Locale.ROOT, "ratio postgres / sqlite (closed loop) = %.2f%n",
                    closedRates.get("postgres") / closedRates.get("sqlite"));
        }
        dispatchLines.forEach(line -> System.out.println("dispatch " + line));
        System.out.printf(Locale.ROOT, "load average at the end: %.2f%n", loadAverage());
        System.exit(0);
    }

    /** The one-minute load average (the machine is shared: every figure is read beside it). */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * The 200s only say "journaled"; the no-op app's dispatch runs behind them (with PostgreSQL, from the
     * journal). Waits up to 60 s for every acknowledged event to be handled (or dropped as a repeat: the
     * requests cycle through {@value #DISTINCT_REQUESTS} bodies) and says how long that took.
     */
    private static String dispatchCatchUp(MeterRegistry registry, long acknowledged) throws InterruptedException {
        long started = System.nanoTime();
        double handled = handled(registry);
        while (handled < acknowledged && System.nanoTime() - started < 60_000_000_000L) {
            Thread.sleep(100);
            handled = handled(registry);
        }
        return String.format(Locale.ROOT, "%,.0f of %,d acknowledged events handled (repeats included), %.1f s after"
                + " the last request", handled, acknowledged, (System.nanoTime() - started) / 1e9);
    }

    private static double handled(MeterRegistry registry) {
        double sum = 0;
        for (String name : List.of("baton.dispatch.events", "baton.dispatch.duplicates")) {
            for (io.micrometer.core.instrument.Counter counter : registry.find(name).counters()) {
                sum += counter.count();
            }
        }
        return sum;
    }

    /** The PostgreSQL journal's group commits since the store opened (warm-up included). */
    private static void printPostgresFigures(MeterRegistry registry) {
        io.micrometer.core.instrument.Timer commits = registry.find("baton.postgres.append.commit").timer();
        io.micrometer.core.instrument.DistributionSummary groups =
                registry.find("baton.postgres.append.group.size").summary();
        if (commits != null && groups != null) {
            System.out.printf(Locale.ROOT, "        %,d append commits, mean %.3f ms, max %.3f ms; appends per commit"
                    + " mean %.1f, max %.0f%n", commits.count(), commits.mean(TimeUnit.MILLISECONDS),
                    commits.max(TimeUnit.MILLISECONDS), groups.mean(), groups.max());
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    static void print(String label, LoadClient.Result result) {
        System.out.printf(Locale.ROOT, "%-45s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  non-200 %d%n",
                label, result.throughput(), result.percentileMillis(0.50), result.percentileMillis(0.99),
                result.percentileMillis(0.999), result.failed());
    }

    static byte[][] signedRequests() {
        return signedRequests(1);
    }

    /** Signed bodies of {@code events} messages each (from as many people), all mids distinct. */
    static byte[][] signedRequests(int events) {
        byte[][] requests = new byte[DISTINCT_REQUESTS][];
        for (int i = 0; i < DISTINCT_REQUESTS; i++) {
            StringBuilder messaging = new StringBuilder();
            for (int e = 0; e < events; e++) {
                long n = (long) i * events + e;
                String person = "psid-" + (n % 1000);
                messaging.append(e == 0 ? "" : ",").append("{\"sender\":{\"id\":\"").append(person)
                        .append("\"},\"recipient\":{\"id\":\"1000\"},\"timestamp\":1700000000000,")
                        .append("\"message\":{\"mid\":\"m-load-").append(n).append("\",\"text\":\"hello number ")
                        .append(n).append("\"}}");
            }
            byte[] body = ("{\"object\":\"page\",\"entry\":[{\"id\":\"1000\",\"time\":1700000000000,\"messaging\":["
                    + messaging + "]}]}").getBytes(StandardCharsets.UTF_8);
            requests[i] = LoadClient.post("/webhooks/load", body, WebhookSignature.sha256Header(body, SECRET));
        }
        return requests;
    }

    static PageConfig config(String journal, Path dataDir) {
        return config(journal, dataDir, Duration.ZERO);
    }

    /** The benchmark's Page with {@code server.warmup} set to {@code warmup} (zero: none), as a YAML file would. */
    static PageConfig config(String journal, Path dataDir, Duration warmup) {
        StoreSettings store = journal.equals("sqlite")
                ? StoreSettings.of("sqlite").with("path", dataDir.resolve("baton.db").toString())
                : StoreSettings.MEMORY;
        return new PageConfig(new PageSettings("1000", Platform.MESSENGER), dataDir, null,
                new ServerSettings("127.0.0.1", 0, 1_048_576, Duration.ofSeconds(10), Duration.ofSeconds(30), 64,
                        Duration.ofSeconds(10), null).withDrainPeriod(Duration.ZERO).withWarmup(warmup),
                store, null,
                List.of(AppConfig.of("load", "no-op", "555", AppRole.DEFAULT, SECRET, "token", "verify")));
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** The ceiling: the same server, an endpoint that answers 200 without looking at the body. */
    static final class NoWork implements HostedDeployment, WebhookEndpoint {
        private static final CompletableFuture<WebhookAnswer> OK = CompletableFuture.completedFuture(WebhookAnswer.ok("EVENT_RECEIVED"));

        @Override
        public WebhookEndpoint endpoint() {
            return this;
        }

        @Override
        public boolean hosts(String appName) {
            return true;
        }

        @Override
        public CompletableFuture<WebhookAnswer> receiveAsync(String appName, String signature256Header, byte[] body) {
            return OK;
        }

        @Override
        public WebhookAnswer verifySubscription(String appName, String mode, String verifyToken, String challenge) {
            return WebhookAnswer.refused(403, WebhookAnswer.Reason.WRONG_VERIFY_TOKEN, "no");
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public boolean drain(Duration timeout) {
            return true;
        }

        @Override
        public void close() {}
    }

    /** An app that does nothing: the load is the ingest path, not a handler. */
    static final class NoOpPlugin implements GuiceAppPlugin {
        private final int replies;

        NoOpPlugin() {
            this(0);
        }

        /** {@code replies}: how many replies the app makes per message (to a recording outbound, no network). */
        NoOpPlugin(int replies) {
            this.replies = replies;
        }

        @Override
        public String name() {
            return "no-op";
        }

        @Override
        public com.google.inject.Module module(dev.baton.runtime.DeploymentAppContext context) {
            if (replies == 0) {
                return GuiceAppPlugin.instance(new ConversationApp() {});
            }
            return GuiceAppPlugin.instance(new ConversationApp() {
                @Override
                public void onMessage(dev.baton.event.MessageEvent event, dev.baton.spi.Conversation conversation) {
                    for (int i = 0; i < replies; i++) {
                        conversation.reply("ok " + i);
                    }
                }
            });
        }
    }
}
