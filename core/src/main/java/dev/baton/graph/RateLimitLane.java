package dev.baton.graph;

import dev.baton.config.GraphSettings;
import dev.baton.graph.error.RateLimitQueueFullException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;

/**
 * One Send API rate limit of a Page ({@link PageRateLimiter}): the {@link SendWindow} behind a lock, the
 * waiting callers (tickets, each sleeping until its own time) and the limit's meters. Thread-safe.
 */
final class RateLimitLane {

    /** How often a caller waiting for capacity looks again at a changing budget share. */
    private static final long SHARE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

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
    /** Null for a deployment alone on its Page: the full limit, always. */
    private final DoubleSupplier reportedShare;
    private final BudgetShare share;
    private final int fullLimit;
    private final long fullWindowNanos;
    private final boolean fromStart;
    private volatile double appliedShare = 1;
    private volatile int appliedLimit;

    RateLimitLane(String name, String kind, int callsPerSecond, GraphSettings settings, GraphTuning tuning,
            MeterRegistry registry) {
        this(name, kind, callsPerSecond, settings, tuning, registry, null);
    }

    /**
     * {@code reportedShare}: this instance's share of a budget that several instances of the Page split
     * (null: the whole budget is this instance's); see {@link BudgetShare}.
     */
    RateLimitLane(String name, String kind, int callsPerSecond, GraphSettings settings, GraphTuning tuning,
            MeterRegistry registry, DoubleSupplier reportedShare) {
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
        long spacing = fromStart ? interval : interval / PageRateLimiter.CATCH_UP;
        this.fromStart = fromStart;
        this.fullLimit = callsPerSecond;
        this.fullWindowNanos = TimeUnit.SECONDS.toNanos(1) + tuning.rateSlack().toNanos();
        this.window = new SendWindow(callsPerSecond, fullWindowNanos,
                spacing, fromStart ? 0 : spacing * PageRateLimiter.BURST_CALLS).startsCount(fromStart);
        this.appliedLimit = callsPerSecond;
        this.reportedShare = reportedShare;
        // A rise waits one window (plus the slack), the time the calls made under the old split count at Meta.
        this.share = reportedShare == null ? null : new BudgetShare(fullWindowNanos);
        if (share != null) {
            applyShare(0);
        }
        this.maxWaitNanos = settings.requestTimeout().toNanos();
        this.waiting = new Semaphore(maxWaiting);
        this.waits = registry.timer("baton.graph.ratelimiter.wait", "kind", kind);
        this.rejected = registry.counter("baton.graph.ratelimiter.rejected", "kind", kind);
        Gauge.builder("baton.graph.ratelimiter.share", this, lane -> lane.appliedShare).tag("kind", kind)
                .description("share of the Page's Send API budget this instance applies now (1 alone on the Page)")
                .register(registry);
        Gauge.builder("baton.graph.ratelimiter.limit", this, lane -> lane.appliedLimit).tag("kind", kind)
                .description("calls this instance may have counted per window now").register(registry);
    }

    /** Under the lock: follows the share the store reports now. */
    private void refreshShare(long now) {
        if (share == null) {
            return;
        }
        double before = share.applied();
        double after = share.update(reportedShare.getAsDouble(), now);
        if (after != before) {
            applyShare(after);
        }
    }

    private void applyShare(double applied) {
        BudgetShare.Limit limit = BudgetShare.limitFor(fullLimit, applied, fullWindowNanos);
        long interval = limit.calls() == 0 ? fullWindowNanos : limit.windowNanos() / limit.calls();
        long spacing = fromStart ? interval : interval / PageRateLimiter.CATCH_UP;
        window.resize(limit.calls(), limit.windowNanos(), spacing, fromStart ? 0 : spacing * PageRateLimiter.BURST_CALLS);
        appliedShare = applied;
        appliedLimit = limit.calls();
    }

    PageRateLimiter.Permit acquire() {
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
                    refreshShare(now);
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
                    if (share != null) {
                        // The share may change while we sleep (rebalancing): look again soon, and when a rise is due.
                        until = Math.min(until, now + SHARE_POLL_NANOS);
                        if (share.raising() && share.raiseDueAt() - until < 0) {
                            until = Math.max(now + 1, share.raiseDueAt());
                        }
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

    /** Callers now inside {@link #acquire()}. */
    int waitingCallers() {
        return maxWaiting - waiting.availablePermits();
    }

    private RateLimitQueueFullException reject() {
        rejected.increment();
        return new RateLimitQueueFullException(name, maxWaiting);
    }

    private final class LanePermit implements PageRateLimiter.Permit {
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
