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
 * <p>Each resilience4j limiter hands out one permit per {@code 1 s / rate} (pacing), rather than
 * {@code rate} permits at the start of each second, which would put bursts on the wire. Its cycles are a
 * fixed grid, so two permits can still fall close together; a {@link SlidingWindowGuard} behind it holds
 * every {@code rate + 1} calls more than {@code 1 s + slack} apart, measured from the end of the earlier
 * call, so that even a strict sliding-window limit at Meta never answers 613 (or from its start plus a slack,
 * when {@link GraphTuning#paceFromCallStart()} trades that certainty for the round trip). A caller must
 * {@link Permit#close() close} its permit when the call is over.
 *
 * <p>At most {@code maxWaitingCallers} callers wait for a permit; the next one fails at once with
 * {@link RateLimitQueueFullException}, as does a caller whose permit would come later than the request
 * timeout.
 */
public final class PageRateLimiter {

    private final Lane text;
    private final Lane media;

    public PageRateLimiter(String pageId, GraphSettings settings, GraphTuning tuning, MeterRegistry registry) {
        this.text = new Lane(pageId + "-text", settings.textCallsPerSecond(), settings, tuning, registry);
        this.media = new Lane(pageId + "-media", settings.mediaCallsPerSecond(), settings, tuning, registry);
    }

    /** Blocks until the call may go, or throws {@link RateLimitQueueFullException}; close the permit after the call. */
    public Permit acquire(boolean slowRateMedia) {
        return (slowRateMedia ? media : text).acquire();
    }

    /** The right to make one call; closing it records when the call ended. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** Callers now waiting for a permit of that kind. */
    public int waitingCallers(boolean slowRateMedia) {
        Lane lane = slowRateMedia ? media : text;
        return lane.maxWaiting - lane.waiting.availablePermits();
    }

    private static final class Lane {
        private final String name;
        private final RateLimiter limiter;
        private final SlidingWindowGuard guard;
        private final long maxWaitNanos;
        private final boolean fromCallStart;
        private final Semaphore waiting;
        private final int maxWaiting;
        private final Timer waits;
        private final Counter rejected;

        Lane(String name, int callsPerSecond, GraphSettings settings, GraphTuning tuning, MeterRegistry registry) {
            Duration slack = tuning.rateSlack();
            this.fromCallStart = tuning.paceFromCallStart();
            if (callsPerSecond <= 0 || settings.maxWaitingCallers() <= 0) {
                throw new IllegalArgumentException("graph rate limits and maxWaitingCallers must be positive");
            }
            this.name = name;
            this.maxWaiting = settings.maxWaitingCallers();
            Duration period = Duration.ofSeconds(1).dividedBy(callsPerSecond);
            this.guard = new SlidingWindowGuard(callsPerSecond, Duration.ofSeconds(1).plus(slack).toNanos());
            this.maxWaitNanos = settings.requestTimeout().toNanos();
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

        Permit acquire() {
            if (!waiting.tryAcquire()) {
                rejected.increment();
                throw new RateLimitQueueFullException(name, maxWaiting);
            }
            long start = System.nanoTime();
            int slot = -1;
            try {
                if (limiter.acquirePermission()) {
                    slot = guard.enter(start + maxWaitNanos);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting.release();
                waits.record(Duration.ofNanos(System.nanoTime() - start));
            }
            if (slot < 0) {
                rejected.increment();
                throw new RateLimitQueueFullException(name, maxWaiting);
            }
            int taken = slot;
            if (fromCallStart) {
                guard.exit(taken);
                return () -> { };
            }
            return () -> guard.exit(taken);
        }
    }
}
