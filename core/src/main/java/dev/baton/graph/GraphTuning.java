package dev.baton.graph;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Knobs of the Graph client that the Page config does not carry (the defaults suit production; tests and
 * benchmarks shorten the backoff).
 *
 * @param retryBaseDelay first backoff before a retry; doubles each time, with ±50% jitter
 * @param retryMaxDelay  longest backoff
 * @param rateSlack      added to the rate limiter's one-second window for clock granularity (see {@link PageRateLimiter})
 * @param handoffText    text of the message that carries {@code thread_control} when {@link SendApiThreadControl}
 *                       passes or releases; null to use the pass/release endpoints instead
 * @param paceFromCallStart false (default): each call counts against the rate limit until one second after
 *                       Meta answered it, which can never draw a 613 from a sliding-window limit and loses
 *                       only the answer time per unit per second; true: until one second plus
 *                       {@code rateSlack} after it started, which keeps the full rate but relies on the
 *                       network jitter staying under the slack
 */
public record GraphTuning(Duration retryBaseDelay, Duration retryMaxDelay, Duration rateSlack, String handoffText,
        boolean paceFromCallStart) {

    public static final GraphTuning DEFAULTS =
            new GraphTuning(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMillis(1), null, false);

    public GraphTuning(Duration retryBaseDelay, Duration retryMaxDelay, Duration rateSlack, String handoffText) {
        this(retryBaseDelay, retryMaxDelay, rateSlack, handoffText, false);
    }

    public GraphTuning {
        requireNonNull(retryBaseDelay, "retryBaseDelay is null");
        requireNonNull(retryMaxDelay, "retryMaxDelay is null");
        requireNonNull(rateSlack, "rateSlack is null");
        if (retryBaseDelay.isNegative() || retryBaseDelay.isZero() || retryMaxDelay.compareTo(retryBaseDelay) < 0
                || rateSlack.isNegative()) {
            throw new IllegalArgumentException("retry delays must be positive (max >= base) and rateSlack >= 0");
        }
        if (handoffText != null) {
            dev.baton.send.Limits.required("handoffText", handoffText, dev.baton.send.Limits.TEXT_MAX);
        }
    }

    public GraphTuning withRetryDelays(Duration base, Duration max) {
        return new GraphTuning(base, max, rateSlack, handoffText, paceFromCallStart);
    }

    public GraphTuning withHandoffText(String text) {
        return new GraphTuning(retryBaseDelay, retryMaxDelay, rateSlack, text, paceFromCallStart);
    }

    /** Paces from the start of each call, with {@code slack} for the network's jitter (see the record's doc). */
    public GraphTuning withPacingFromCallStart(Duration slack) {
        return new GraphTuning(retryBaseDelay, retryMaxDelay, slack, handoffText, true);
    }
}
