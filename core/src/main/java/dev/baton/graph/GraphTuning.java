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
 */
public record GraphTuning(Duration retryBaseDelay, Duration retryMaxDelay, Duration rateSlack, String handoffText) {

    public static final GraphTuning DEFAULTS =
            new GraphTuning(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMillis(1), null);

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
        return new GraphTuning(base, max, rateSlack, handoffText);
    }

    public GraphTuning withHandoffText(String text) {
        return new GraphTuning(retryBaseDelay, retryMaxDelay, rateSlack, text);
    }
}
