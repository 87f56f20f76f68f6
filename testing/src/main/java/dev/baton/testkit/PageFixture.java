package dev.baton.testkit;

import static java.util.Objects.requireNonNull;

import dev.baton.emulator.DeliveryRecord;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.EmulatorClock;
import dev.baton.emulator.EmulatorOptions;
import dev.baton.emulator.PageRegistration;
import dev.baton.event.Platform;
import dev.baton.spi.AppPlugin;
import dev.baton.spi.AppRole;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A Page deployment under test, end to end on loopback: the emulator plays Meta, a real deployment (plugins
 * loaded by {@code ServiceLoader}, real dispatcher, real Graph client, in-memory journal and store, the
 * emulator's clock) runs behind the real Jetty transport on an OS-chosen port, and the emulated Page is
 * registered with each hosted app's webhook URL pointing at that server (the emulator's subscription check
 * included). The Graph client talks to the emulator through a {@link GraphCallRecorder}, so a test can read
 * what Meta answered each app.
 *
 * <p>Use it directly ({@code try (PageFixture page = PageFixture.builder()...start())}) or through
 * {@link PageFixtureExtension}. Person actions ({@link #person}) return once the deployment has handled what
 * they caused; {@link #advanceClock} moves simulated time and waits for the timers it made due.
 *
 * <p>Threading: one test thread drives a fixture; the deployment inside runs on its own threads.
 */
public final class PageFixture implements AutoCloseable {

    /** How long any wait of the fixture may take before the test fails. */
    public static final Duration WAIT_LIMIT = Duration.ofSeconds(20);

    private final String pageId;
    private final Emulator emulator;
    private final boolean ownsEmulator;
    private final Map<String, FixtureApp> apps;
    private final String defaultAppId;
    private final GraphCallRecorder graphCalls;
    private final FixtureRuntime runtime;

    private PageFixture(Builder builder, Emulator emulator, boolean ownsEmulator) {
        this.pageId = builder.pageId;
        this.emulator = emulator;
        this.ownsEmulator = ownsEmulator;
        this.apps = new LinkedHashMap<>(builder.apps);
        this.defaultAppId = builder.defaultAppId();
        FixtureSecrets secrets = new FixtureSecrets(builder.apps.values());
        GraphCallRecorder recorder = null;
        FixtureRuntime started = null;
        try {
            recorder = GraphCallRecorder.start(emulator.baseUrl(), secrets.appIdByToken(), emulator.clock());
            started = FixtureRuntime.start(builder, secrets, recorder.baseUrl(), emulator.clock());
            emulator.registerPage(FixtureRegistration.of(builder, secrets, started.webhookBase()));
        } catch (RuntimeException e) {
            closeQuietly(started);
            closeQuietly(recorder);
            throw e;
        }
        this.graphCalls = recorder;
        this.runtime = started;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String pageId() {
        return pageId;
    }

    public Emulator emulator() {
        return emulator;
    }

    public EmulatorClock clock() {
        return emulator.clock();
    }

    /** The Meta app id of hosted app {@code appName}. */
    public String appId(String appName) {
        FixtureApp app = apps.get(appName);
        if (app == null) {
            throw new IllegalArgumentException("no hosted app named " + appName + "; hosted: " + apps.keySet());
        }
        return app.appId();
    }

    public List<FixtureApp> apps() {
        return List.copyOf(apps.values());
    }

    /** Acting as the person {@code psid} (any string of digits the test likes). */
    public FixturePerson person(String psid) {
        return new FixturePerson(this, emulator.person(pageId, psid));
    }

    /** The Graph calls each app made and Meta's answers. */
    public GraphCallRecorder graphCalls() {
        return graphCalls;
    }

    /** Every webhook POST the emulator made to hosted app {@code appName}. */
    public List<DeliveryRecord> deliveries(String appName) {
        return emulator.deliveries(appId(appName));
    }

    /** The deployment's meters (dispatcher, Graph client, apps). */
    public MeterRegistry registry() {
        return runtime.registry();
    }

    /** The deployment's server, e.g. {@code http://127.0.0.1:PORT}. */
    public URI serverUri() {
        return runtime.webhookBase();
    }

    /** Where hosted app {@code appName}'s own HTTP endpoint is served ({@code /apps/{name}/}), if it has one. */
    public URI appEndpointUri(String appName) {
        appId(appName);
        return runtime.webhookBase().resolve("/apps/" + appName + "/");
    }

    /** How many callbacks of hosted app {@code appName} threw (the dispatcher logs and counts them). */
    public double handlerFailures(String appName) {
        return registry().find("baton.dispatch.handler.failures").tag("app", appName).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    /** Waits until every accepted event and every due timer has been handled. */
    public void awaitIdle() {
        if (!runtime.awaitIdle(WAIT_LIMIT)) {
            throw new AssertionError("the deployment did not go idle within " + WAIT_LIMIT);
        }
    }

    /**
     * Waits until the deployment has been idle and no new webhook POST or Graph call happened for a short
     * quiet period: what an app does in reaction to its own echoes has then happened too.
     */
    public void awaitQuiet() {
        long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
        long seen = activity();
        while (System.nanoTime() < deadline) {
            awaitIdle();
            FixtureWaits.pause(Duration.ofMillis(100));
            long now = activity();
            if (now == seen && runtime.awaitIdle(Duration.ZERO)) {
                return;
            }
            seen = now;
        }
        throw new AssertionError("the deployment and the emulator did not go quiet within " + WAIT_LIMIT);
    }

    /** Polls {@code condition} until it holds, failing the test with {@code what} after {@link #WAIT_LIMIT}. */
    public void awaitUntil(String what, BooleanSupplier condition) {
        FixtureWaits.until(what, condition, WAIT_LIMIT);
    }

    /** Moves the emulator's (and so the deployment's) clock, then waits for the timers that came due. */
    public void advanceClock(Duration amount) {
        emulator.advanceClock(amount);
        runtime.fireDueTimers();
        awaitIdle();
    }

    /** The id of the Page's default app (a hosted app or the Page Inbox). */
    public String defaultAppId() {
        return defaultAppId;
    }

    private long activity() {
        long deliveries = apps.values().stream().mapToLong(app -> emulator.deliveries(app.appId()).size()).sum();
        return deliveries * 1_000_003L + graphCalls.calls().size();
    }

    @Override
    public void close() {
        closeQuietly(runtime);
        closeQuietly(graphCalls);
        if (ownsEmulator) {
            closeQuietly(emulator);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // A fixture that fails to stop must not hide the test's own outcome.
        }
    }

    /** What to host and how the Page is set up. */
    public static final class Builder {
        String pageId = "100200300400500";
        Platform platform = Platform.MESSENGER;
        final Map<String, FixtureApp> apps = new LinkedHashMap<>();
        String defaultApp;
        final Map<String, String> linkRoutes = new LinkedHashMap<>();
        String socialApp;
        Emulator emulator;
        EmulatorOptions emulatorOptions = EmulatorOptions.forTests();
        final List<AppPlugin> plugins = new ArrayList<>();

        private Builder() {}

        public Builder pageId(String newPageId) {
            this.pageId = requireNonNull(newPageId, "pageId is null");
            return this;
        }

        public Builder platform(Platform newPlatform) {
            this.platform = requireNonNull(newPlatform, "platform is null");
            return this;
        }

        public Builder app(FixtureApp app) {
            requireNonNull(app, "app is null");
            if (apps.putIfAbsent(app.name(), app) != null) {
                throw new IllegalArgumentException("two apps are named " + app.name());
            }
            return this;
        }

        /**
         * The Page's default app: a hosted app's name, or {@code inbox} for Meta Business Suite Inbox. Without
         * this, the hosted app with role DEFAULT, else the Inbox.
         */
        public Builder defaultApp(String appNameOrInbox) {
            this.defaultApp = requireNonNull(appNameOrInbox, "appNameOrInbox is null");
            return this;
        }

        /** An m.me link {@code ref} that routes to hosted app {@code appName}. */
        public Builder linkRoute(String ref, String appName) {
            linkRoutes.put(requireNonNull(ref, "ref is null"), requireNonNull(appName, "appName is null"));
            return this;
        }

        /** The app that gets idle threads and Get Started. */
        public Builder socialApp(String appName) {
            this.socialApp = requireNonNull(appName, "appName is null");
            return this;
        }

        /**
         * A plugin to offer besides those found on the class path (a test's own app that has no
         * {@code META-INF/services} entry); it wins over a class-path plugin of the same name.
         */
        public Builder plugin(AppPlugin plugin) {
            plugins.add(requireNonNull(plugin, "plugin is null"));
            return this;
        }

        /** Use a running emulator (it is not closed with the fixture); else one is started and closed. */
        public Builder emulator(Emulator running) {
            this.emulator = requireNonNull(running, "running is null");
            return this;
        }

        public Builder emulatorOptions(EmulatorOptions options) {
            this.emulatorOptions = requireNonNull(options, "options is null");
            return this;
        }

        String resolveAppId(String appNameOrInbox) {
            if ("inbox".equals(appNameOrInbox)) {
                return PageRegistration.inboxAppId(platform);
            }
            FixtureApp app = apps.get(appNameOrInbox);
            if (app == null) {
                throw new IllegalArgumentException("no hosted app named " + appNameOrInbox);
            }
            return app.appId();
        }

        String defaultAppId() {
            if (defaultApp != null) {
                return resolveAppId(defaultApp);
            }
            return apps.values().stream().filter(app -> app.role() == AppRole.DEFAULT).map(FixtureApp::appId)
                    .findFirst().orElse(PageRegistration.inboxAppId(platform));
        }

        /** Starts the emulator (unless given), the deployment and its server, and registers the Page. */
        public PageFixture start() {
            if (apps.isEmpty()) {
                throw new IllegalStateException("host at least one app");
            }
            List<String> unknown = new ArrayList<>();
            linkRoutes.values().stream().filter(name -> !apps.containsKey(name)).forEach(unknown::add);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("link routes name apps not hosted: " + unknown);
            }
            if (emulator != null) {
                return new PageFixture(this, emulator, false);
            }
            Emulator started = Emulator.start(emulatorOptions);
            try {
                return new PageFixture(this, started, true);
            } catch (RuntimeException e) {
                started.close();
                throw e;
            }
        }
    }
}
