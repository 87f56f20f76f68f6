package dev.baton.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The {@code dispatch:} section.
 *
 * @param workers            threads running handlers (conversations in parallel)
 * @param maxQueuedEvents    events accepted but not yet handled, over all conversations; a batch that would
 *                           go beyond is refused (HTTP 503 + Retry-After, Meta retries)
 * @param watermarkCapacity  conversations whose last read/delivery watermark is remembered to drop stale
 *                           receipts (least recently used forgotten first)
 * @param timerInterval      how often due timers are looked for on the deployment's clock
 * @param retryAfter         the Retry-After a refused batch is answered with
 */
public record DispatchSettings(int workers, int maxQueuedEvents, int watermarkCapacity, Duration timerInterval,
                               Duration retryAfter) {

    /**
     * 32 workers by default: handler threads mostly wait (on Graph calls, and with the durable store on the
     * synced claim of each event), and more of them let those claims share one disk sync. On 2 cores, 32
     * took the durable ingest harness from ~6,800 events/s with most requests refused (8 workers) to ~8,900/s
     * with none refused (docs/BENCHMARKS.md).
     */
    public static final DispatchSettings DEFAULTS = new DispatchSettings(32, 10_000, 100_000, Duration.ofMillis(100),
            Duration.ofSeconds(5));

    public DispatchSettings {
        requireNonNull(timerInterval, "timerInterval is null");
        requireNonNull(retryAfter, "retryAfter is null");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        if (maxQueuedEvents < 1) {
            throw new IllegalArgumentException("maxQueuedEvents must be at least 1: " + maxQueuedEvents);
        }
        if (watermarkCapacity < 1) {
            throw new IllegalArgumentException("watermarkCapacity must be at least 1: " + watermarkCapacity);
        }
        if (timerInterval.isNegative() || timerInterval.isZero()) {
            throw new IllegalArgumentException("timerInterval must be positive");
        }
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter is negative");
        }
    }

    public DispatchSettings withWorkers(int newWorkers) {
        return new DispatchSettings(newWorkers, maxQueuedEvents, watermarkCapacity, timerInterval, retryAfter);
    }

    public DispatchSettings withMaxQueuedEvents(int newMax) {
        return new DispatchSettings(workers, newMax, watermarkCapacity, timerInterval, retryAfter);
    }
}
