package dev.baton.launcher;

import dev.baton.config.AppConfig;
import dev.baton.config.PageConfig;
import dev.baton.config.StoreSettings;
import dev.baton.dispatch.DispatchTarget;
import dev.baton.dispatch.Dispatcher;
import dev.baton.dispatch.DispatcherBuilder;
import dev.baton.ingest.IngestApp;
import dev.baton.ingest.WebhookIngest;
import dev.baton.server.HostedDeployment;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.EventJournal;
import dev.baton.spi.Stores;
import dev.baton.store.StoreProviders;
import dev.baton.store.memory.InMemoryConversationStore;
import dev.baton.store.memory.InMemoryEventJournal;
import dev.baton.testing.RecordingOutbound;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The throwaway deployment the warm-up drives: the real deployment's shape (its Page, platform, app names,
 * Meta app ids and roles, dispatch settings) wired from the same classes the real one runs (the webhook ingest
 * with its signature check and parser, the dispatcher with its lanes and workers), but with nothing of the
 * real one's: a heap journal and store of its own, apps that do nothing, a recording way out to Meta (so no
 * call can leave the process), its own meter registry, and secrets drawn at random here (the real ones are
 * never used, so nothing the warm-up signs could be replayed against the real deployment).
 *
 * <p>When the real store is SQLite (a local file), the copy runs on a SQLite store of its own in a temporary
 * directory, deleted afterwards, so that the durable path (the JDBC driver, the group-commit writer and
 * syncer) is compiled too; measured, the heap copy left a SQLite deployment at under 40 % of its speed for
 * the first 15 s. Any other store (a server such as PostgreSQL, whose tables are the real deployment's) is
 * never touched: the copy keeps its heap journal then.
 *
 * <p>It is assembled directly, not through {@code Deployment.builder}: that path loads the app plugins (whose
 * apps may open connections or files) and logs each hosted app, which would tell the operator about a
 * deployment that never takes a real webhook.
 */
final class WarmupDeployment implements HostedDeployment {

    /** The bounded dedupe memory of the throwaway store: the warm-up's mids are all distinct anyway. */
    private static final int DEDUPE_CAPACITY = 100_000;

    private final PageConfig config;
    private final Map<String, String> secretByApp;
    private final EventJournal journal;
    private final ConversationStore store;
    /** The throwaway SQLite store and its directory, or null with the heap journal. */
    private final Stores stores;
    private final Path storeDir;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<RecordingOutbound> outbounds;
    private final Dispatcher dispatcher;
    private final WebhookIngest ingest;

    private WarmupDeployment(PageConfig config) {
        this.config = config;
        SecureRandom random = new SecureRandom();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (AppConfig app : config.apps()) {
            secrets.put(app.name(), randomHex(random));
        }
        this.secretByApp = Map.copyOf(secrets);
        Clock clock = Clock.systemUTC();
        if (config.store().type().equals("sqlite")) {
            try {
                this.storeDir = Files.createTempDirectory("baton-warmup");
            } catch (IOException e) {
                throw new UncheckedIOException("could not make the warm-up's store directory", e);
            }
            this.stores = StoreProviders.discover().open(
                    StoreSettings.of("sqlite").with("path", storeDir.resolve("warmup.db").toString()), storeDir,
                    clock, Map.of(MeterRegistry.class, registry));
            this.journal = stores.journal();
            this.store = stores.store();
        } else {
            this.storeDir = null;
            this.stores = null;
            this.journal = new InMemoryEventJournal();
            this.store = new InMemoryConversationStore(DEDUPE_CAPACITY);
        }
        DispatcherBuilder builder = Dispatcher.builder().journal(journal)
                .store(store).registry(registry).clock(clock)
                .settings(config.dispatch()).platform(config.page().platform()).pageId(config.page().id());
        ConversationApp nothing = new ConversationApp() {};
        this.outbounds = config.apps().stream().map(app -> new RecordingOutbound(clock)).toList();
        for (int i = 0; i < config.apps().size(); i++) {
            builder.target(new DispatchTarget(config.apps().get(i).hostedApp(), nothing, outbounds.get(i)));
        }
        this.dispatcher = builder.build();
        List<IngestApp> apps = config.apps().stream()
                .map(app -> new IngestApp(app.name(), secretByApp.get(app.name()), randomHex(random))).toList();
        this.ingest = new WebhookIngest(apps, dispatcher, clock, registry,
                (int) Math.min(Integer.MAX_VALUE, config.dispatch().retryAfter().toSeconds()));
    }

    /** Builds and starts the throwaway deployment of {@code config}'s shape. */
    static WarmupDeployment start(PageConfig config) {
        WarmupDeployment deployment = new WarmupDeployment(config);
        deployment.dispatcher.start();
        return deployment;
    }

    PageConfig config() {
        return config;
    }

    /** The random secret the throwaway app {@code appName} checks signatures with. */
    String secret(String appName) {
        return secretByApp.get(appName);
    }

    /** The registry the throwaway deployment and its server count into (never the real one). */
    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** How many calls the no-op apps made to the recording way out to Meta: none is expected. */
    int outboundCalls() {
        return outbounds.stream().mapToInt(outbound -> outbound.calls().size()).sum();
    }

    @Override
    public WebhookIngest endpoint() {
        return ingest;
    }

    @Override
    public boolean ready() {
        return dispatcher.isAccepting();
    }

    @Override
    public boolean drain(Duration timeout) {
        return dispatcher.drain(timeout);
    }

    @Override
    public void close() {
        dispatcher.close();
        if (stores == null) {
            journal.close();
            store.close();
            return;
        }
        try {
            stores.close();
        } catch (Exception e) {
            // Only the throwaway copy's files: nothing of the real deployment.
        }
        deleteQuietly(storeDir);
    }

    /** Whether the copy runs on a SQLite store of its own (see the class comment). */
    boolean durable() {
        return stores != null;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary directory left behind is harmless.
        }
    }

    private static String randomHex(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
