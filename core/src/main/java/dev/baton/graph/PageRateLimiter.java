package dev.baton.graph;

import dev.baton.graph.error.RateLimitQueueFullException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * The Page's Send API rate limits (resilience4j): one limiter for text, links, reactions and stickers
 * (300 calls/s by default) and one for audio and video (10/s). Thread-safe; one per Page deployment.
 *
 * <p>Each limiter hands out one permit per {@code (1 s + slack) / rate}, rather than {@code rate} permits at
 * the start of each second: a burst at a cycle boundary would otherwise put up to twice the rate into one
 * sliding second at Meta's end. The slack (a few milliseconds) absorbs network jitter, at the price of
 * running at {@code 1 s / (1 s + slack)} of the nominal rate.
 *
 * <p>At most {@code maxWaitingCallers} callers wait for a permit; the next one fails at once with
 * {@link RateLimitQueueFullException}, as does a caller whose permit would come later than the request
 * timeout.
 */
public final class PageRateLimiter {

    private final Lane text;
    private final Lane media;

    public PageRateLimiter(String pageId, GraphSettings settings, Duration slack, MeterRegistry registry) {
        this.text = new Lane(pageId + "-text", settings.textCallsPerSecond(), settings, slack, registry);
        this.media = new Lane(pageId + "-media", settings.mediaCallsPerSecond(), settings, slack, registry);
    }

    /** Blocks until the call may go, or throws {@link RateLimitQueueFullException}. */
    public void acquire(boolean slowRateMedia) {
        (slowRateMedia ? media : text).acquire();
    }

    private static final class Lane {
        private final String name;
        private final RateLimiter limiter;
        private final Semaphore waiting;
        private final int maxWaiting;
        private final Timer waits;
        private final Counter rejected;

        Lane(String name, int callsPerSecond, GraphSettings settings, Duration slack, MeterRegistry registry) {
            if (callsPerSecond <= 0 || settings.maxWaitingCallers() <= 0) {
                throw new IllegalArgumentException("graph rate limits and maxWaitingCallers must be positive");
            }
            this.name = name;
            this.maxWaiting = settings.maxWaitingCallers();
            Duration period = Duration.ofSeconds(1).plus(slack).dividedBy(callsPerSecond);
            this.limiter = RateLimiter.of(name, RateLimiterConfig.custom()
                    .limitForPeriod(1)
                    .limitRefreshPeriod(period)
                    .timeoutDuration(settings.requestTimeout())
                    .build());
            this.waiting = new Semaphore(maxWaiting);
            String kind = name.endsWith("-media") ? "media" : "text";
            this.waits = registry.timer("baton.graph.ratelimiter.wait", "kind", kind);
            this.rejected = registry.counter("baton.graph.ratelimiter.rejected", "kind", kind);
        }

        void acquire() {
            if (!waiting.tryAcquire()) {
                rejected.increment();
                throw new RateLimitQueueFullException(name, maxWaiting);
            }
            long start = System.nanoTime();
            try {
                if (!limiter.acquirePermission()) {
                    rejected.increment();
                    throw new RateLimitQueueFullException(name, maxWaiting - waiting.availablePermits());
                }
            } finally {
                waiting.release();
                waits.record(Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }
}
