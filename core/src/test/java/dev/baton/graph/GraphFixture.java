package dev.baton.graph;

import dev.baton.config.GraphSettings;
import dev.baton.event.ConversationKey;
import dev.baton.event.Platform;
import dev.baton.store.memory.InMemoryConversationStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A Page deployment's Graph side pointed at a {@link FakeGraphServer}, with fast retries. */
final class GraphFixture {

    static final String PAGE = "1000";
    static final String MARKETING = "111";
    static final String DEFAULT_APP = "222";
    static final String MARKETING_TOKEN = "EAAG-marketing-token-0123456789";
    static final String DEFAULT_TOKEN = "EAAG-default-token-9876543210";
    static final String MARKETING_SECRET = "marketing-app-secret";
    static final ConversationKey ALICE = new ConversationKey(PAGE, "5001");
    static final ConversationKey BOB = new ConversationKey(PAGE, "5002");

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    final InMemoryConversationStore store = new InMemoryConversationStore();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final GraphOutboundFactory factory;

    GraphFixture(FakeGraphServer server, GraphSettings overrides) {
        this(server, overrides, GraphTuning.DEFAULTS.withRetryDelays(Duration.ofMillis(5), Duration.ofMillis(20)));
    }

    GraphFixture(FakeGraphServer server, GraphSettings overrides, GraphTuning tuning) {
        GraphSettings settings = new GraphSettings(server.baseUrl(), overrides.version(), overrides.threadControl(),
                overrides.connectTimeout(), overrides.requestTimeout(), overrides.textCallsPerSecond(),
                overrides.mediaCallsPerSecond(), overrides.maxWaitingCallers(), overrides.maxRetries(),
                overrides.windowPolicy(), overrides.sendPath());
        factory = new GraphOutboundFactory(settings, tuning, PAGE,
                Platform.MESSENGER,
                Map.of(MARKETING, new GraphCredentials(MARKETING, MARKETING_TOKEN, MARKETING_SECRET),
                        DEFAULT_APP, new GraphCredentials(DEFAULT_APP, DEFAULT_TOKEN, null)),
                DEFAULT_APP, store, clock, registry);
        store.putLastUserMessage(ALICE, clock.instant().minusSeconds(60));
        store.putLastUserMessage(BOB, clock.instant().minusSeconds(60));
    }

    GraphFixture(FakeGraphServer server) {
        this(server, settings("handover-protocol", 3, 1000, 100));
    }

    static GraphSettings settings(String threadControl, int maxRetries, int textRate, int maxWaiting) {
        return new GraphSettings("http://unused", "v24.0", threadControl, Duration.ofSeconds(2), Duration.ofSeconds(5),
                textRate, 10, maxWaiting, maxRetries, "enforce");
    }

    GraphClient marketing() {
        return factory.client(MARKETING);
    }

    GraphClient defaultApp() {
        return factory.client(DEFAULT_APP);
    }

    double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    long timerCount(String name, String... tags) {
        var timer = registry.find(name).tags(tags).timer();
        return timer == null ? 0 : timer.count();
    }
}
