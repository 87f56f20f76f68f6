package dev.baton.testing;

import static java.util.Objects.requireNonNull;

import dev.baton.config.DispatchSettings;
import dev.baton.dispatch.Acceptance;
import dev.baton.dispatch.DispatchListener;
import dev.baton.dispatch.DispatchTarget;
import dev.baton.dispatch.Dispatcher;
import dev.baton.dispatch.DispatcherBuilder;
import dev.baton.event.Platform;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEvent;
import dev.baton.ingest.IngestApp;
import dev.baton.server.WebhookAnswer;
import dev.baton.ingest.WebhookIngest;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;
import dev.baton.store.memory.InMemoryConversationStore;
import dev.baton.store.memory.InMemoryEventJournal;
import dev.baton.webhook.WebhookSignature;
import dev.baton.webhook.WebhookWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real dispatcher with in-memory journal and store, a {@link MutableClock} and a {@link RecordingOutbound}
 * per app: to unit-test {@link ConversationApp}s without a network. {@link #deliver} hands events to the
 * dispatcher as Meta's webhook for one app would (journaled, deduplicated, in order) and returns once they
 * were handled; {@link #post} does the same through the signed JSON path ({@link WebhookIngest});
 * {@link #advance} moves the clock and runs the timers that came due.
 *
 * <pre>{@code
 * try (TestingDeployment deployment = TestingDeployment.builder()
 *         .app(new HostedApp("shop", "111", AppRole.DEFAULT), new ShopApp()).build()) {
 *     deployment.deliver("shop", TestEvents.message("100", "alice", "m1", "hi", 1_000));
 *     assertThat(deployment.outbound("shop").sentTexts()).containsExactly("Hello!");
 * }
 * }</pre>
 */
public final class TestingDeployment implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MutableClock clock;
    private final InMemoryEventJournal journal = new InMemoryEventJournal();
    private final InMemoryConversationStore store;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, RecordingOutbound> outbounds = new LinkedHashMap<>();
    private final Dispatcher dispatcher;
    private final WebhookIngest ingest;

    private TestingDeployment(Builder builder) {
        this.clock = new MutableClock(builder.start);
        this.store = new InMemoryConversationStore(builder.dedupeCapacity);
        DispatcherBuilder dispatcherBuilder = Dispatcher.builder().journal(journal).store(store).registry(registry)
                .clock(clock).settings(builder.settings).platform(builder.platform).listeners(builder.listeners);
        builder.apps.forEach((app, handler) -> {
            RecordingOutbound outbound = new RecordingOutbound(clock);
            outbounds.put(app.name(), outbound);
            dispatcherBuilder.target(new DispatchTarget(app, handler, outbound));
        });
        this.dispatcher = dispatcherBuilder.build();
        this.ingest = new WebhookIngest(builder.apps.keySet().stream()
                .map(app -> new IngestApp(app.name(), appSecret(app.name()), verifyToken(app.name()))).toList(),
                dispatcher, clock, registry, 1);
        dispatcher.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Delivers {@code events} as one webhook batch for {@code appName} and waits until they were handled. */
    public void deliver(String appName, WebhookEvent... events) {
        deliver(appName, TestEvents.batch(events));
    }

    public void deliver(String appName, WebhookBatch batch) {
        Acceptance acceptance = dispatcher.accept(appName, batch, new byte[0], clock.instant()).join();
        if (acceptance != Acceptance.ACCEPTED) {
            throw new IllegalStateException("dispatcher refused the batch: " + acceptance);
        }
        awaitIdle();
    }

    /**
     * Posts {@code batch} the way Meta would: written in Meta's JSON shape, signed with the app's test secret
     * ({@link #appSecret}), through the real {@link WebhookIngest} (verify, parse, journal, enqueue); waits
     * until the events were handled when it was accepted. Returns the HTTP answer the transport would give.
     */
    public WebhookAnswer post(String appName, WebhookBatch batch) {
        byte[] body = new WebhookWriter().write(batch);
        WebhookAnswer result = ingest.receive(appName, WebhookSignature.sha256Header(body, appSecret(appName)), body);
        awaitIdle();
        return result;
    }

    /** The webhook entry point, for tests of raw bodies and signatures. */
    public WebhookIngest ingest() {
        return ingest;
    }

    /** The app secret the testing deployment checks {@code appName}'s webhooks with. */
    public static String appSecret(String appName) {
        return "test-secret-" + appName;
    }

    /** The verify token of {@code appName}'s subscription check. */
    public static String verifyToken(String appName) {
        return "test-verify-" + appName;
    }

    /** Moves the clock by {@code duration}, runs every timer that came due and waits until they ran. */
    public Instant advance(Duration duration) {
        Instant now = clock.advance(duration);
        dispatcher.runDueTimers();
        awaitIdle();
        return now;
    }

    public void awaitIdle() {
        if (!dispatcher.awaitIdle(WAIT)) {
            throw new IllegalStateException("events still queued after " + WAIT);
        }
    }

    public RecordingOutbound outbound(String appName) {
        RecordingOutbound outbound = outbounds.get(appName);
        if (outbound == null) {
            throw new IllegalArgumentException("no app named " + appName);
        }
        return outbound;
    }

    public MutableClock clock() {
        return clock;
    }

    public InMemoryConversationStore store() {
        return store;
    }

    public InMemoryEventJournal journal() {
        return journal;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void close() {
        dispatcher.close();
        registry.close();
    }

    /** What the testing deployment hosts. */
    public static final class Builder {
        private final Map<HostedApp, ConversationApp> apps = new LinkedHashMap<>();
        private final List<DispatchListener> listeners = new java.util.ArrayList<>();
        private Instant start = Instant.parse("2026-01-01T00:00:00Z");
        private DispatchSettings settings = DispatchSettings.DEFAULTS.withWorkers(4);
        private Platform platform = Platform.MESSENGER;
        private int dedupeCapacity = InMemoryConversationStore.DEFAULT_DEDUPE_CAPACITY;

        private Builder() {}

        public Builder app(HostedApp app, ConversationApp handler) {
            apps.put(requireNonNull(app, "app is null"), requireNonNull(handler, "handler is null"));
            return this;
        }

        public Builder listener(DispatchListener listener) {
            listeners.add(requireNonNull(listener, "listener is null"));
            return this;
        }

        public Builder startingAt(Instant instant) {
            this.start = requireNonNull(instant, "instant is null");
            return this;
        }

        public Builder settings(DispatchSettings newSettings) {
            this.settings = requireNonNull(newSettings, "settings is null");
            return this;
        }

        public Builder platform(Platform newPlatform) {
            this.platform = requireNonNull(newPlatform, "platform is null");
            return this;
        }

        public Builder dedupeCapacity(int capacity) {
            this.dedupeCapacity = capacity;
            return this;
        }

        /** Builds and starts it. */
        public TestingDeployment build() {
            if (apps.isEmpty()) {
                throw new IllegalStateException("add at least one app");
            }
            return new TestingDeployment(this);
        }
    }
}
