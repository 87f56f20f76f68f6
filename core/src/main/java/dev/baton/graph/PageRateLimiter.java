package dev.baton.graph;

import dev.baton.graph.error.RateLimitQueueFullException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Page's Send API rate limits: one for text, links, reactions and stickers (300 calls/s by default) and
 * one for audio and video (10/s). Thread-safe; one per Page deployment.
 *
 * <p>Each limit is a {@link SendWindow}: a call may start only while fewer than {@code rate} calls are in
 * flight or were answered less than one second (plus {@link GraphTuning#rateSlack()}) ago, so even a strict
 * sliding window over arrivals at Meta never answers 613. Starts are paced at four times the rate with a few
 * calls' tolerance, which smooths bursts yet lets the limiter catch up after a stall (at the rate itself and
 * with no tolerance when {@link GraphTuning#paceFromCallStart()} counts from the start). A caller must close
 * its permit when the call is over: {@link Permit#close()} once Meta answered (with anything), {@link
 * Permit#closeUnanswered()} when no answer came, which keeps the call counted one window longer because the
 * request may still be on its way.
 *
 * <p>Waiting callers take a ticket and each sleeps until the time its place in the queue gives it, in
 * parallel (no chain of hand-offs, no herd woken by every answer); whoever is awake when capacity is free
 * takes it, so the order is first come, first served up to scheduling jitter. At most {@code
 * maxWaitingCallers} callers wait; the next one fails at once with {@link RateLimitQueueFullException}, as
 * does a caller whose permit would come later than the request timeout.
 */
public final class PageRateLimiter {

    /** Starts allowed back to back after an idle moment, in units of the pacing interval. */
    static final int BURST_CALLS = 4;
    /** How much faster than the limit the starts may be paced, so that the limiter catches up after a stall. */
    static final int CATCH_UP = 4;

    private final Lane text;
    private final Lane media;

    public PageRateLimiter(String pageId, GraphSettings settings, GraphTuning tuning, MeterRegistry registry) {
        this.text = new Lane(pageId + "-text", "text", settings.textCallsPerSecond(), settings, tuning, registry);
        this.media = new Lane(pageId + "-media", "media", settings.mediaCallsPerSecond(), settings, tuning, registry);
    }

    /** Blocks until the call may go, or throws {@link RateLimitQueueFullException}; close the permit after the call. */
    public Permit acquire(boolean slowRateMedia) {
        return (slowRateMedia ? media : text).acquire();
    }

    /** The right to make one call. Close it exactly once; later closes are ignored. */
    public interface Permit extends AutoCloseable {
        /**
         * Meta answered the call (success or error): it was counted before now. Safe to call from the HTTP
         * client's thread as soon as the answer's headers arrive.
         */
        @Override
        void close();

        /** The call is over without an answer (time-out, broken connection): Meta may count it later. */
        void closeUnanswered();
    }

    /** Callers now waiting for a permit of that kind. */
    public int waitingCallers(boolean slowRateMedia) {
        Lane lane = slowRateMedia ? media : text;
        return lane.maxWaiting - lane.waiting.availablePermits();
    }

    private static final class Lane {
        private final String name;
        private final SendWindow window;
        private final ReentrantLock state = new ReentrantLock();
        private final Condition changed = state.newCondition();
        /** Callers that took a ticket, and those of them that started or gave up: ranks in the queue. */
        private long nextTicket;
        private long served;
        private int awaitingAnswer;
        private final long maxWaitNanos;
        private final Semaphore waiting;
        private final int maxWaiting;
        private final Timer waits;
        private final Counter rejected;

        Lane(String name, String kind, int callsPerSecond, GraphSettings settings, GraphTuning tuning,
                MeterRegistry registry) {
            if (callsPerSecond <= 0 || settings.maxWaitingCallers() <= 0) {
                throw new IllegalArgumentException("graph rate limits and maxWaitingCallers must be positive");
            }
            this.name = name;
            this.maxWaiting = settings.maxWaitingCallers();
            long interval = TimeUnit.SECONDS.toNanos(1) / callsPerSecond;
            boolean fromStart = tuning.paceFromCallStart();
            // Counting from the answer, the window alone keeps the limit; pacing at the full rate would make
            // every stall (a GC or scheduler pause) a permanent loss, while a strict sliding window lets the
            // calls a pause skipped go right after it. So it paces at four times the rate, which only smooths
            // bursts (measured: 4x recovers more of a pause than 2x, 1x the least). Counting from the start
            // relies on small jitter: strict pacing, no bursts.
            long spacing = fromStart ? interval : interval / CATCH_UP;
            this.window = new SendWindow(callsPerSecond, TimeUnit.SECONDS.toNanos(1) + tuning.rateSlack().toNanos(),
                    spacing, fromStart ? 0 : spacing * BURST_CALLS).startsCount(fromStart);
            this.maxWaitNanos = settings.requestTimeout().toNanos();
            this.waiting = new Semaphore(maxWaiting);
            this.waits = registry.timer("baton.graph.ratelimiter.wait", "kind", kind);
            this.rejected = registry.counter("baton.graph.ratelimiter.rejected", "kind", kind);
        }

        Permit acquire() {
            if (!waiting.tryAcquire()) {
                throw reject();
            }
            long begin = System.nanoTime();
            boolean started = false;
            try {
                started = awaitStart(begin + maxWaitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting.release();
                waits.record(Duration.ofNanos(System.nanoTime() - begin));
            }
            if (!started) {
                throw reject();
            }
            return new LanePermit();
        }

        private boolean awaitStart(long deadline) throws InterruptedException {
            state.lockInterruptibly();
            try {
                long ticket = nextTicket++;
                try {
                    while (true) {
                        long now = System.nanoTime();
                        if (window.earliestStart(now) - now <= 0) {
                            window.start(now); // whoever is awake takes free capacity: a late sleeper costs nothing
                            return true;
                        }
                        int rank = (int) Math.max(0, Math.min(ticket - served, Integer.MAX_VALUE));
                        long at = window.earliestStart(rank, now);
                        boolean needsAnswer = at == SendWindow.AFTER_AN_ANSWER;
                        long until = needsAnswer ? deadline : at;
                        if (until - deadline > 0 || now - deadline >= 0) {
                            return false; // would not come before the request times out
                        }
                        awaitingAnswer += needsAnswer ? 1 : 0;
                        try {
                            changed.awaitNanos(until - now);
                        } finally {
                            awaitingAnswer -= needsAnswer ? 1 : 0;
                        }
                    }
                } finally {
                    served++;
                }
            } finally {
                state.unlock();
            }
        }

        private void end(boolean gotAnswer) {
            state.lock();
            try {
                window.end(System.nanoTime(), gotAnswer);
                if (awaitingAnswer > 0) {
                    changed.signalAll(); // only they can have an earlier time now; the others sleep on
                }
            } finally {
                state.unlock();
            }
        }

        private RateLimitQueueFullException reject() {
            rejected.increment();
            return new RateLimitQueueFullException(name, maxWaiting);
        }

        private final class LanePermit implements Permit {
            private final AtomicBoolean open = new AtomicBoolean(true);

            @Override
            public void close() {
                if (open.compareAndSet(true, false)) {
                    end(true);
                }
            }

            @Override
            public void closeUnanswered() {
                if (open.compareAndSet(true, false)) {
                    end(false);
                }
            }
        }
    }
}
