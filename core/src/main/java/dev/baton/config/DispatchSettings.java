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
 * @param admissionWait      how long a batch that finds the queue full waits for room before it is refused:
 *                           a burst is then paced by the dispatcher (the 200 comes later) instead of answered
 *                           503 and retried by Meta; zero refuses at once. Keep it well under Meta's 5 s.
 */
public record DispatchSettings(int workers, int maxQueuedEvents, int watermarkCapacity, Duration timerInterval,
                               Duration retryAfter, Duration admissionWait) {

    /** The default {@code admissionWait}: a burst may wait this long for room before a 503. */
    public static final Duration DEFAULT_ADMISSION_WAIT = Duration.ofSeconds(2);

    /**
     * 32 workers by default: handler threads mostly wait on Graph calls. (They no longer wait for each event's
     * synced claim: a conversation waiting for its claim holds no thread, see LaneExecutor.)
     */
    public static final DispatchSettings DEFAULTS = new DispatchSettings(32, 10_000, 100_000, Duration.ofMillis(100),
            Duration.ofSeconds(5), DEFAULT_ADMISSION_WAIT);

    public DispatchSettings {
        admissionWait = admissionWait == null ? DEFAULT_ADMISSION_WAIT : admissionWait;
        if (admissionWait.isNegative()) {
            throw new IllegalArgumentException("admissionWait is negative");
        }
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

    /** The settings before {@code admissionWait} existed; it takes its default. */
    public DispatchSettings(int workers, int maxQueuedEvents, int watermarkCapacity, Duration timerInterval,
                            Duration retryAfter) {
        this(workers, maxQueuedEvents, watermarkCapacity, timerInterval, retryAfter, DEFAULT_ADMISSION_WAIT);
    }

    public DispatchSettings withWorkers(int newWorkers) {
        return new DispatchSettings(newWorkers, maxQueuedEvents, watermarkCapacity, timerInterval, retryAfter,
                admissionWait);
    }

    public DispatchSettings withMaxQueuedEvents(int newMax) {
        return new DispatchSettings(workers, newMax, watermarkCapacity, timerInterval, retryAfter, admissionWait);
    }

    public DispatchSettings withAdmissionWait(Duration newWait) {
        return new DispatchSettings(workers, maxQueuedEvents, watermarkCapacity, timerInterval, retryAfter, newWait);
    }
}
