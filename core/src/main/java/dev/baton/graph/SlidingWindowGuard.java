package dev.baton.graph;

/**
 * Makes sure that at most {@code limit} calls are under way or finished within any window of
 * {@code window}, measured from each call's end: the call {@code limit} places back must have finished at
 * least one window ago before the next may start. Since a call reaches Meta before it finishes, the
 * arrivals at Meta are then more than a window apart for every {@code limit + 1} calls, whatever the
 * network or scheduler jitter: no 613 even from the strictest sliding-window limit. The price is the
 * latency of one call per window (on loopback ~0.5%). Thread-safe.
 */
final class SlidingWindowGuard {

    private static final long IN_FLIGHT = -1L;
    private static final long NEVER = Long.MIN_VALUE;

    private final long[] finishedAt;
    private final long windowNanos;
    private int next;

    SlidingWindowGuard(int limit, long windowNanos) {
        this.finishedAt = new long[limit];
        java.util.Arrays.fill(finishedAt, NEVER);
        this.windowNanos = windowNanos;
    }

    /** Waits for a slot; returns it, or -1 when it would not come before {@code deadlineNanos}. */
    synchronized int enter(long deadlineNanos) throws InterruptedException {
        int slot = next;
        next = (next + 1) % finishedAt.length;
        while (true) {
            long finished = finishedAt[slot];
            long now = System.nanoTime();
            if (finished == NEVER || (finished != IN_FLIGHT && now - finished >= windowNanos)) {
                finishedAt[slot] = IN_FLIGHT;
                return slot;
            }
            long until = finished == IN_FLIGHT ? deadlineNanos : Math.min(deadlineNanos, finished + windowNanos);
            if (now - deadlineNanos >= 0) {
                return -1;
            }
            long waitNanos = Math.max(until - now, 1);
            wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }

    synchronized void exit(int slot) {
        finishedAt[slot] = System.nanoTime();
        notifyAll();
    }
}
