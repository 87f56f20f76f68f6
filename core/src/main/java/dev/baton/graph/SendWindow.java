package dev.baton.graph;

/**
 * The bookkeeping of one Send API rate limit, free of threads and clocks: every method takes "now" in
 * nanoseconds (any monotonic origin), so it is tested with plain numbers. Not thread-safe; {@link
 * PageRateLimiter} guards it with a lock.
 *
 * <p><b>The guarantee.</b> Meta counts a call when it arrives, which is some time between the moment we
 * start it and the moment its answer comes back. The strictest reading of "{@code limit} calls per second"
 * is a sliding window over those arrivals. A call's arrival is therefore bounded by its <em>answer</em>
 * time: a new call may start only while fewer than {@code limit} calls are either still in flight or were
 * answered less than {@code window} ago. Then no window at Meta ever holds more than {@code limit}
 * arrivals, whatever the network or scheduler jitter. Unlike a fixed ring of slots, any finished call's
 * capacity can be reused first, so one slow answer holds back one unit, not a whole queue.
 *
 * <p><b>Pacing.</b> On top of that, starts are spaced {@code spacing} apart (a generic cell rate
 * algorithm with a tolerance of {@code burst}), so an idle limit is not spent in one burst.
 *
 * <p>With {@link #startsCount(boolean) startsCount}, the window runs from each call's start instead (plus
 * the slack given as part of {@code window}): the full rate, but only as safe as the jitter is small.
 */
final class SendWindow {

    /** {@link #earliestStart} when every unit is in flight: only an answer can free one. */
    static final long AFTER_AN_ANSWER = Long.MAX_VALUE;

    private int limit;
    private long windowNanos;
    private long spacingNanos;
    private long burstNanos;
    private boolean fromStart;
    /** Times (ascending) after which a finished call stops counting, oldest first; a ring buffer. */
    private final long[] countsUntil;
    private int head;
    private int size;
    private int inFlight;
    private long theoreticalStart;
    private boolean started;

    SendWindow(int limit, long windowNanos, long spacingNanos, long burstNanos) {
        if (limit <= 0 || windowNanos <= 0 || spacingNanos < 0 || burstNanos < 0) {
            throw new IllegalArgumentException("limit and window must be positive, spacing and burst >= 0");
        }
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.spacingNanos = spacingNanos;
        this.burstNanos = burstNanos;
        this.countsUntil = new long[limit];
    }

    /**
     * Changes the limit (at most the one it was built with; zero stops every start), the window and the
     * pacing, for this instance's share of a deployment-wide budget ({@link BudgetShare}). Calls already
     * counted keep the times they were given; when the limit drops below them, new calls wait until enough
     * of them age out, so the lower limit holds from the moment it is set.
     */
    void resize(int newLimit, long newWindowNanos, long newSpacingNanos, long newBurstNanos) {
        if (newLimit < 0 || newLimit > countsUntil.length || newWindowNanos <= 0 || newSpacingNanos < 0
                || newBurstNanos < 0) {
            throw new IllegalArgumentException("limit must be 0.." + countsUntil.length
                    + ", window positive, spacing and burst >= 0");
        }
        this.limit = newLimit;
        this.windowNanos = newWindowNanos;
        this.spacingNanos = newSpacingNanos;
        this.burstNanos = newBurstNanos;
    }

    int limit() {
        return limit;
    }

    /** Counts each call from its start (plus the window's slack) rather than from its answer. */
    SendWindow startsCount(boolean fromCallStart) {
        this.fromStart = fromCallStart;
        return this;
    }

    /** The earliest time at or after {@code now} a call may start, or {@link #AFTER_AN_ANSWER}. */
    long earliestStart(long now) {
        return earliestStart(0, now);
    }

    /**
     * When the call {@code rank} places behind the next one could start, if the calls before it start as
     * soon as they may and no answer comes in meanwhile; {@link #AFTER_AN_ANSWER} if only answers can tell.
     * Starting a call does not move the others' times (their rank and the free capacity both drop by one),
     * so waiters can sleep until their own time in parallel.
     */
    long earliestStart(int rank, long now) {
        forgetOlderThan(now);
        long at = now;
        int over = inFlight + size - limit + 1 + rank;
        if (over > 0) {
            if (over > size) {
                return AFTER_AN_ANSWER;
            }
            at = countsUntil[(head + over - 1) % countsUntil.length];
        }
        long paced = theoreticalStart - burstNanos + rank * spacingNanos;
        if (started && paced - at > 0) {
            at = paced;
        }
        return at;
    }

    /** Starts a call; {@link #earliestStart} must have answered {@code now} or earlier. */
    void start(long now) {
        if (earliestStart(now) - now > 0) {
            throw new IllegalStateException("no capacity to start a call now");
        }
        theoreticalStart = (started && theoreticalStart - now > 0 ? theoreticalStart : now) + spacingNanos;
        started = true;
        if (fromStart) {
            append(now + windowNanos);
        } else {
            inFlight++;
        }
    }

    /**
     * A started call is over at {@code now}. {@code answered}: Meta answered, so it counted the call before
     * now; otherwise (a time-out, a broken connection) the request may still be on its way and is counted
     * for one more window.
     */
    void end(long now, boolean answered) {
        if (fromStart) {
            return;
        }
        if (inFlight == 0) {
            throw new IllegalStateException("no call in flight");
        }
        inFlight--;
        append(now + windowNanos + (answered ? 0 : windowNanos));
    }

    int inFlight() {
        return inFlight;
    }

    /** Calls in flight or still counted at {@code now}. */
    int counted(long now) {
        forgetOlderThan(now);
        return inFlight + size;
    }

    private void append(long until) {
        // Times arrive in order from a monotonic clock, except an unanswered call's longer hold: keep the
        // buffer sorted by inserting from the back (a short walk; it is rare).
        int index = size;
        int capacity = countsUntil.length;
        while (index > 0 && countsUntil[(head + index - 1) % capacity] - until > 0) {
            countsUntil[(head + index) % capacity] = countsUntil[(head + index - 1) % capacity];
            index--;
        }
        countsUntil[(head + index) % capacity] = until;
        size++;
    }

    private void forgetOlderThan(long now) {
        while (size > 0 && now - countsUntil[head] >= 0) {
            head = (head + 1) % countsUntil.length;
            size--;
        }
    }
}
