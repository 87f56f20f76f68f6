package dev.baton.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.GraphSettings;
import dev.baton.graph.error.RateLimitQueueFullException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The blocking side of the limiter: permits, answered versus unanswered calls, refusals. */
class PageRateLimiterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private PageRateLimiter limiter(int rate, Duration requestTimeout) {
        GraphSettings settings = new GraphSettings("http://unused", "v24.0", "handover-protocol", Duration.ofSeconds(1),
                requestTimeout, rate, 1, 10, 0, "enforce");
        return new PageRateLimiter("1000", settings, GraphTuning.DEFAULTS, registry);
    }

    @Test
    void anUnansweredCallKeepsItsUnitLongerThanTheRequestTimeoutSoTheNextCallerIsRefusedAtOnce() {
        PageRateLimiter limiter = limiter(1, Duration.ofMillis(1500));
        limiter.acquire(false).closeUnanswered(); // counted for two windows: the next start is > 1.5 s away
        assertThatThrownBy(() -> limiter.acquire(false)).isInstanceOf(RateLimitQueueFullException.class);
        assertThat(registry.counter("baton.graph.ratelimiter.rejected", "kind", "text").count()).isEqualTo(1);
    }

    @Test
    void anAnsweredCallFreesItsUnitOneWindowAfterTheAnswer() {
        PageRateLimiter limiter = limiter(1, Duration.ofMillis(1500));
        PageRateLimiter.Permit first = limiter.acquire(false);
        first.close();
        first.closeUnanswered(); // a second close is ignored: it must not count the call twice
        try (PageRateLimiter.Permit second = limiter.acquire(false)) {
            assertThat(second).isNotNull();
        }
        assertThat(registry.timer("baton.graph.ratelimiter.wait", "kind", "text").count()).isEqualTo(2);
    }

    @Test
    void aCallStillInFlightHoldsItsUnitUntilTheCallerGivesUp() {
        PageRateLimiter limiter = limiter(1, Duration.ofMillis(200));
        PageRateLimiter.Permit inFlight = limiter.acquire(false);
        assertThatThrownBy(() -> limiter.acquire(false)).isInstanceOf(RateLimitQueueFullException.class)
                .hasMessageContaining("nothing was sent");
        assertThat(limiter.waitingCallers(false)).isZero();
        inFlight.close();
    }

    @Test
    void mediaHasItsOwnLimit() {
        PageRateLimiter limiter = limiter(1, Duration.ofMillis(200));
        try (PageRateLimiter.Permit text = limiter.acquire(false); PageRateLimiter.Permit media = limiter.acquire(true)) {
            assertThat(media).isNotSameAs(text);
        }
    }

    @Test
    void onAPageSharedWithOtherInstancesOnlyThisInstancesShareOfTheLimitApplies() {
        GraphSettings settings = new GraphSettings("http://unused", "v24.0", "handover-protocol", Duration.ofSeconds(1),
                Duration.ofSeconds(3), 4, 1, 10, 0, "enforce");
        AtomicReference<Double> share = new AtomicReference<>(0.5);
        PageRateLimiter limiter = new PageRateLimiter("1000", settings, GraphTuning.DEFAULTS, registry, share::get);
        PageRateLimiter.Permit first = limiter.acquire(false); // after one window: the share may be fresh
        PageRateLimiter.Permit second = limiter.acquire(false);
        assertThat(registry.get("baton.graph.ratelimiter.share").tag("kind", "text").gauge().value()).isEqualTo(0.5);
        assertThat(registry.get("baton.graph.ratelimiter.limit").tag("kind", "text").gauge().value()).isEqualTo(2);
        assertThatThrownBy(() -> limiter.acquire(false)).as("half of 4: both units are in flight")
                .isInstanceOf(RateLimitQueueFullException.class);
        first.close();
        second.close();
        share.set(0.0); // every bucket went to another instance: not one call more from here
        assertThatThrownBy(() -> limiter.acquire(false)).isInstanceOf(RateLimitQueueFullException.class);
        assertThat(registry.get("baton.graph.ratelimiter.limit").tag("kind", "text").gauge().value()).isZero();
    }

    @Test
    void aloneOnItsPageTheLimiterAppliesTheWholeLimitAndSaysSo() {
        PageRateLimiter limiter = limiter(2, Duration.ofMillis(200));
        try (PageRateLimiter.Permit a = limiter.acquire(false); PageRateLimiter.Permit b = limiter.acquire(false)) {
            assertThat(a).isNotSameAs(b);
        }
        assertThat(registry.get("baton.graph.ratelimiter.share").tag("kind", "text").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("baton.graph.ratelimiter.limit").tag("kind", "text").gauge().value()).isEqualTo(2);
    }
}
