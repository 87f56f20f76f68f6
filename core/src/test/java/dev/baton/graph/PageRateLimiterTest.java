package dev.baton.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.GraphSettings;
import dev.baton.graph.error.RateLimitQueueFullException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
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
}
