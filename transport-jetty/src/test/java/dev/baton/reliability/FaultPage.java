package dev.baton.reliability;

import dev.baton.config.AppConfig;
import dev.baton.config.DispatchSettings;
import dev.baton.config.PageConfig;
import dev.baton.config.PageSettings;
import dev.baton.config.ServerSettings;
import dev.baton.config.StoreSettings;
import dev.baton.emulator.ActionResult;
import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.CausedWebhook;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.EmulatorOptions;
import dev.baton.emulator.PageRegistration;
import dev.baton.emulator.Person;
import dev.baton.event.Channel;
import dev.baton.event.ConversationKey;
import dev.baton.event.MessageEvent;
import dev.baton.event.Platform;
import dev.baton.graph.GraphCredentials;
import dev.baton.graph.GraphOutboundFactory;
import dev.baton.config.GraphSettings;
import dev.baton.graph.GraphTuning;
import dev.baton.launcher.PageLauncher;
import dev.baton.launcher.RunningPage;
import dev.baton.ownership.OwnershipTracker;
import dev.baton.runtime.PluginRegistry;
import dev.baton.spi.AppRole;
import dev.baton.store.sqlite.SqliteStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The deployment under test for the fault suite, on loopback ports: the real emulator (Meta's side, with its
 * fault injection), the launcher's deployment and Jetty server on a SQLite journal and store, and the real
 * Graph client (short retry backoff, a 2 s request timeout) pointed at the emulator. Two hosted apps run the
 * {@link FaultRecorderPlugin}: {@code concierge} (the Page's default app) and {@code campaigns} (the
 * Click-to-Message ad app). {@link #close()} stops it all.
 */
final class FaultPage implements AutoCloseable {

    static final String PAGE = "1001";
    static final String CONCIERGE = "concierge";
    static final String CONCIERGE_ID = "2002";
    static final String CAMPAIGNS = "campaigns";
    static final String CAMPAIGNS_ID = "3003";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    static final int MAX_RETRIES = 3;
    static final Duration WAIT = Duration.ofSeconds(30);

    final FaultRecord record = new FaultRecord();
    final Emulator emulator;
    final SqliteStores stores;
    final RunningPage page;
    private final AtomicReference<GraphOutboundFactory> graph = new AtomicReference<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    FaultPage(Path dataDir) throws Exception {
        // A reorder waits up to half the action timeout for the POST to swap with: 3 s, not 5 s.
        emulator = Emulator.start(EmulatorOptions.forTests().withActionTimeout(Duration.ofSeconds(6)));
        stores = SqliteStores.open(dataDir.resolve("baton.db"), SqliteStores.Settings.defaults(),
                new SimpleMeterRegistry(), emulator.clock());
        List<AppConfig> apps = List.of(
                AppConfig.of(CONCIERGE, FaultRecorderPlugin.NAME, CONCIERGE_ID, AppRole.DEFAULT, "concierge-secret-5f1",
                        "concierge-token-77a", "concierge-verify-0c2"),
                AppConfig.of(CAMPAIGNS, FaultRecorderPlugin.NAME, CAMPAIGNS_ID, AppRole.MARKETING,
                        "campaigns-secret-9e4", "campaigns-token-31d", "campaigns-verify-b58"));
        GraphSettings graphSettings = new GraphSettings(emulator.baseUrl(), "v24.0", "auto", Duration.ofSeconds(2),
                REQUEST_TIMEOUT, 300, 10, 1000, MAX_RETRIES, "enforce");
        PageConfig config = new PageConfig(new PageSettings(PAGE, Platform.MESSENGER), dataDir, graphSettings,
                new ServerSettings("127.0.0.1", 0, 1_048_576, Duration.ofSeconds(10), Duration.ofSeconds(30), 16,
                        Duration.ofSeconds(10), null).withDrainPeriod(Duration.ZERO),
                StoreSettings.DEFAULTS, DispatchSettings.DEFAULTS.withWorkers(4), apps);
        GraphTuning tuning = GraphTuning.DEFAULTS.withRetryDelays(Duration.ofMillis(20), Duration.ofMillis(200));
        page = PageLauncher.start(config, builder -> builder
                .plugins(PluginRegistry.of(new FaultRecorderPlugin(record)))
                .stores(stores.journal(), stores.store())
                .clock(emulator.clock())
                .outbound((resources, listeners) -> {
                    Map<String, GraphCredentials> credentials = new LinkedHashMap<>();
                    for (AppConfig app : apps) {
                        credentials.put(app.appId(), new GraphCredentials(app.appId(), app.accessToken(), app.secret()));
                    }
                    GraphOutboundFactory factory = new GraphOutboundFactory(graphSettings, tuning, PAGE,
                            Platform.MESSENGER, credentials, CONCIERGE_ID, resources.store(), resources.clock(),
                            resources.registry());
                    listeners.accept(factory.ownershipTracker());
                    graph.set(factory);
                    return factory;
                }));
        emulator.registerPage(PageRegistration.messenger(PAGE, CONCIERGE_ID, apps.stream()
                .map(app -> AppRegistration.of(app.appId(), app.name(), app.secret(), app.accessToken(),
                        page.webhookUri(app.name()), app.verifyToken()))
                .toList()));
    }

    Person person(String psid) {
        return emulator.person(PAGE, psid);
    }

    /**
     * Runs one action of person {@code psid} and waits until the apps made every call it asks of them (a
     * reply per message handed to an app in {@code messaging[]}, plus its passes), whatever their outcome.
     */
    ActionResult act(String psid, Function<Person, ActionResult> action) {
        int before = record.attemptsFor(psid).size();
        ActionResult result = action.apply(person(psid));
        int expected = before + expectedAttempts(result);
        if (!poll(() -> record.attemptsFor(psid).size() >= expected)) {
            throw new AssertionError("the apps made " + (record.attemptsFor(psid).size() - before) + " of "
                    + (expected - before) + " calls for " + psid + ": " + record.attemptsFor(psid));
        }
        return result;
    }

    private static int expectedAttempts(ActionResult result) {
        int calls = 0;
        for (CausedWebhook caused : result.webhooks()) {
            if (caused.channel() == Channel.MESSAGING && caused.event() instanceof MessageEvent message
                    && (caused.appId().equals(CONCIERGE_ID) || caused.appId().equals(CAMPAIGNS_ID))) {
                List<String> words = List.of((message.message().text() == null ? "" : message.message().text())
                        .split(" "));
                calls += words.contains("quiet") ? 0 : 1;
                calls += words.contains("pass") && caused.appId().equals(CAMPAIGNS_ID) ? 1 : 0;
                calls += words.contains("human") ? 1 : 0;
            }
        }
        return calls;
    }

    OwnershipTracker ownership() {
        return graph.get().ownershipTracker();
    }

    static ConversationKey key(String psid) {
        return new ConversationKey(PAGE, psid);
    }

    static String appName(String appId) {
        return CONCIERGE_ID.equals(appId) ? CONCIERGE : CAMPAIGNS_ID.equals(appId) ? CAMPAIGNS : appId;
    }

    /**
     * Waits until Meta's side and the deployment are both quiet: every queued webhook delivered, every event
     * handled, and no new delivery or handled event since the last look (replies cause echoes, which are
     * handled in turn).
     */
    void settle() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long before = -1;
        while (System.nanoTime() < deadline) {
            emulator.awaitDeliveries(WAIT);
            page.deployment().dispatcher().awaitIdle(WAIT);
            long now = page.deployment().dispatcher().handledEvents() + emulator.deliveries(CONCIERGE_ID).size()
                    + emulator.deliveries(CAMPAIGNS_ID).size();
            if (now == before && page.deployment().dispatcher().queuedEvents() == 0) {
                return;
            }
            before = now;
        }
        throw new AssertionError("the deployment and the emulator did not settle within " + WAIT);
    }

    /** Polls {@code condition} every 10 ms until it holds or the deadline passes. */
    static boolean poll(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    int status(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(page.baseUri() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        try {
            page.stop();
        } finally {
            try {
                stores.close();
            } finally {
                emulator.close();
            }
        }
    }
}
