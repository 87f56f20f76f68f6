package dev.baton.graph;

import dev.baton.config.GraphSettings;
import dev.baton.graph.error.RateLimitQueueFullException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.DoubleSupplier;

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
 *
 * <p><b>Several instances.</b> The limits are the Page's, whichever instance calls. When several instances
 * of the Page share a store, the store reports each one's share of the deployment ({@code
 * WorkSource#sendShare()}: the fraction of the Page's conversations it runs now) and each limit here is that
 * share of the Page's, in whole calls rounded down, so the instances together stay within the Page's limit.
 * It follows rebalancing: a lower share applies at once, a higher one a window later ({@link BudgetShare}).
 * The gauges {@code baton.graph.ratelimiter.share} and {@code .limit} show what applies now.
 */
public final class PageRateLimiter {

    /** Starts allowed back to back after an idle moment, in units of the pacing interval. */
    static final int BURST_CALLS = 4;
    /** How much faster than the limit the starts may be paced, so that the limiter catches up after a stall. */
    static final int CATCH_UP = 4;

    private final RateLimitLane text;
    private final RateLimitLane media;

    public PageRateLimiter(String pageId, GraphSettings settings, GraphTuning tuning, MeterRegistry registry) {
        this(pageId, settings, tuning, registry, null);
    }

    /**
     * {@code sendShare}: this instance's share of the Page's budget, asked before each call (it must be cheap
     * and thread-safe); null when the deployment is alone on its Page.
     */
    public PageRateLimiter(String pageId, GraphSettings settings, GraphTuning tuning, MeterRegistry registry,
            DoubleSupplier sendShare) {
        this.text = new RateLimitLane(pageId + "-text", "text", settings.textCallsPerSecond(), settings, tuning,
                registry, sendShare);
        this.media = new RateLimitLane(pageId + "-media", "media", settings.mediaCallsPerSecond(), settings, tuning,
                registry, sendShare);
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
        return (slowRateMedia ? media : text).waitingCallers();
    }
}
