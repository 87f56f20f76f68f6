package dev.baton.graph;

/**
 * The share of the Page's Send API budget that this instance applies, when several instances of one Page
 * share it (a store's {@code WorkSource#sendShare()}), free of threads and clocks like {@link SendWindow}.
 *
 * <p>The store reports shares that never add up to more than one across the deployment at any moment (it
 * lowers an instance's share before handing its work to another and raises the other's after taking it).
 * But a rate limit counts the last second: the calls an instance made just before its share dropped still
 * count at Meta for up to a window, so the instance that took the work over must not spend the freed part
 * at once. Hence a drop applies at once, and a rise only after the reported share stayed that high for
 * {@code raiseDelay} (one rate window); until then the old, lower share applies. A rise that is overtaken by
 * a drop is forgotten. The share is only looked at when a call wants to start, so a rise counts from when it
 * was first seen; the first share is a rise from zero: an instance's first call waits one window, since the
 * budget it got may have been in use elsewhere a moment before.
 */
final class BudgetShare {

    /** A limit in calls per window, for {@link SendWindow#resize}. */
    record Limit(int calls, long windowNanos) {}

    private final long raiseDelayNanos;
    private double applied;
    private boolean raising;
    private double raiseTo;
    private long raiseSince;

    BudgetShare(long raiseDelayNanos) {
        if (raiseDelayNanos < 0) {
            throw new IllegalArgumentException("raiseDelay must be >= 0");
        }
        this.raiseDelayNanos = raiseDelayNanos;
    }

    /** The share to apply at {@code now}, given what the store reports now (clamped to 0..1; NaN counts as 0). */
    double update(double reported, long now) {
        double share = Double.isNaN(reported) ? 0 : Math.max(0, Math.min(1, reported));
        if (share <= applied) {
            applied = share;
            raising = false;
            return applied;
        }
        if (!raising) {
            raising = true;
            raiseSince = now;
            raiseTo = share;
        } else {
            raiseTo = Math.min(raiseTo, share); // it must have stayed at least this high the whole time
        }
        if (now - raiseSince - raiseDelayNanos >= 0) {
            applied = raiseTo;
            raising = share > applied;
            raiseSince = now;
            raiseTo = share;
        }
        return applied;
    }

    double applied() {
        return applied;
    }

    /** True while a rise waits for its delay. */
    boolean raising() {
        return raising;
    }

    /** When the pending rise takes effect if the store keeps reporting it (meaningful while {@link #raising()}). */
    long raiseDueAt() {
        return raiseSince + raiseDelayNanos;
    }

    /**
     * The limit for {@code share} of {@code fullLimit} calls per {@code windowNanos}: whole calls, rounded
     * down, so that the instances' limits never add up to more than the Page's. A share worth less than one
     * call per window becomes one call per proportionally longer window (the average rate still holds; two
     * such instances may each make their one call in the same second, which the Page's limit tolerates
     * unless there are more of them than calls in its budget).
     */
    static Limit limitFor(int fullLimit, double share, long windowNanos) {
        if (share >= 1) {
            return new Limit(fullLimit, windowNanos);
        }
        double rate = fullLimit * share;
        if (rate <= 0) {
            return new Limit(0, windowNanos);
        }
        if (rate >= 1) {
            return new Limit((int) Math.floor(rate + 1e-9), windowNanos);
        }
        return new Limit(1, (long) Math.ceil(windowNanos / rate));
    }
}
