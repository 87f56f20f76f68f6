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

/**
 * Webhook ingest over HTTP: signed 1-event batches against (1) the same Jetty server with an endpoint that
 * answers 200 without work (the ceiling) and (2) the real deployment (verify, parse, journal, dispatch to a
 * no-op app) with the in-memory journal, the durable SQLite one, or both in turn ({@code --journal both}: the
 * issue's "durable vs in-memory in the same run", with the same client settings). Each target is driven
 * closed-loop for its maximum throughput, then open-loop at one fixed rate for time-to-200 percentiles; one
 * table at the end. {@code postgres}: the PostgreSQL store on a server on this machine
 * ({@code BATON_BENCH_POSTGRES_URL}, or one started from the Maven-provided binaries with fsync and
 * synchronous commit on, as the tests do). Non-200 answers are 503s: the dispatcher's queue was full (with the durable store each
 * event's dedupe claim waits for a sync, so a worker handles at most one event per sync; {@code --workers}
 * sets {@code dispatch.workers}, whose claims share syncs).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.baton.benchmarks.ingest.IngestLoadHarness \
 *     [--journal memory|sqlite|postgres|both|durable (sqlite and postgres)|all] [--seconds 10] [--connections 16] [--rate 0 (half the ceiling)]
 *     [--workers 8 (dispatch.workers)] [--replies 0 (replies per message: what the send record costs)]
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
        byte[][] requests = signedRequests();
        LoadClient.RequestFactory factory = sequence -> requests[(int) (sequence % requests.length)];
        System.out.printf(Locale.ROOT, "journal=%s seconds=%.0f connections=%d dispatch workers=%d replies=%d cores=%d%n",
                journal, seconds, connections, workers, replies, Runtime.getRuntime().availableProcessors());

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
        for (String kind : journals) {
            Path dataDir = Files.createTempDirectory("baton-load");
            BenchPostgres postgres = kind.equals("postgres") ? BenchPostgres.start() : null;
            PageConfig config = (postgres != null ? postgres.config(config("memory", dataDir)) : config(kind, dataDir)).withDispatch(DispatchSettings.DEFAULTS.withWorkers(workers));
            RunningPage page = PageLauncher.start(config, builder -> builder
                    .plugins(PluginRegistry.of(new NoOpPlugin(replies)))
                    .outbound((OutboundFactory) app -> new RecordingOutbound()));
            try {
                LoadClient.run(page.server().port(), connections, 0, Math.min(5, seconds), factory); // warm-up
                table.put("closed loop | baton, " + kind + " journal",
                        LoadClient.run(page.server().port(), connections, 0, seconds, factory));
                table.put("fixed " + (long) fixedRate + "/s | baton, " + kind + " journal",
                        LoadClient.run(page.server().port(), connections, fixedRate, seconds, factory));
                if (kind.equals("sqlite")) {
                    JournalAppendHarness.printWriterFigures(page.registry());
                }
            } finally {
                page.stop();
                deleteRecursively(dataDir);
                if (postgres != null) {
                    postgres.close();
                }
            }
        }
        System.out.println();
        System.out.println("| run | target | throughput | p50 | p99 | p99.9 | non-200 |");
        System.out.println("|---|---|---|---|---|---|---|");
        table.forEach((label, result) -> System.out.printf(Locale.ROOT,
                "| %s | %,.0f req/s | %.2f ms | %.2f ms | %.2f ms | %d |%n", label, result.throughput(),
                result.percentileMillis(0.50), result.percentileMillis(0.99), result.percentileMillis(0.999),
                result.failed()));
        double ceilingRate = table.get("closed loop | ceiling (200 without work)").throughput();
        for (String kind : journals) {
            System.out.printf(Locale.ROOT, "ratio baton (%s) / ceiling = %.2f%n", kind,
                    table.get("closed loop | baton, " + kind + " journal").throughput() / ceilingRate);
        }
        System.exit(0);
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
        byte[][] requests = new byte[DISTINCT_REQUESTS][];
        for (int i = 0; i < DISTINCT_REQUESTS; i++) {
            String person = "psid-" + (i % 1000);
            byte[] body = ("{\"object\":\"page\",\"entry\":[{\"id\":\"1000\",\"time\":1700000000000,\"messaging\":[{"
                    + "\"sender\":{\"id\":\"" + person + "\"},\"recipient\":{\"id\":\"1000\"},\"timestamp\":1700000000000,"
                    + "\"message\":{\"mid\":\"m-load-" + i + "\",\"text\":\"hello number " + i + "\"}}]}]}")
                    .getBytes(StandardCharsets.UTF_8);
            requests[i] = LoadClient.post("/webhooks/load", body, WebhookSignature.sha256Header(body, SECRET));
        }
        return requests;
    }

    static PageConfig config(String journal, Path dataDir) {
        StoreSettings store = journal.equals("sqlite")
                ? StoreSettings.of("sqlite").with("path", dataDir.resolve("baton.db").toString())
                : StoreSettings.MEMORY;
        return new PageConfig(new PageSettings("1000", Platform.MESSENGER), dataDir, null,
                new ServerSettings("127.0.0.1", 0, 1_048_576, Duration.ofSeconds(10), Duration.ofSeconds(30), 64,
                        Duration.ofSeconds(10), null).withDrainPeriod(Duration.ZERO),
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
