package dev.baton.server;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * What a transport sends back for one webhook request (a POSTed batch or the subscription check): an HTTP
 * {@code status}, a short {@code message} that is safe to show (the challenge for a subscription check,
 * otherwise a one-line explanation that never holds a secret, an expected signature or the request body), a
 * {@code reason} fit for a metric tag, and for 503 the seconds for {@code Retry-After} (0 otherwise).
 */
public record WebhookAnswer(int status, Reason reason, String message, int retryAfterSeconds) {

    /** Why the request ended as it did; {@code OK} for success. Lower-case names are metric tag values. */
    public enum Reason {
        OK,
        UNKNOWN_APP,
        MISSING_SIGNATURE,
        MALFORMED_SIGNATURE,
        WRONG_SIGNATURE,
        BAD_JSON,
        NOT_READY,
        DISPATCHER_FULL,
        JOURNAL_UNAVAILABLE,
        WRONG_VERIFY_TOKEN,
        /** Transport: the body did not arrive within the request timeout (408). */
        BODY_NOT_RECEIVED,
        /** Transport: the body could not be read (broken framing, client gone) (400). */
        BODY_UNREADABLE,
        /** Transport: the journal did not answer within the request timeout (503; Meta retries). */
        NOT_ANSWERED_IN_TIME,
        /** Transport: the endpoint failed unexpectedly (503; Meta retries). */
        UNAVAILABLE;

        // Computed once: the tag is read on every request, for the metric.
        private final String tag = name().toLowerCase(Locale.ROOT);

        public String tag() {
            return tag;
        }
    }

    public WebhookAnswer {
        requireNonNull(reason, "reason is null");
        requireNonNull(message, "message is null");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds is negative: " + retryAfterSeconds);
        }
    }

    public static WebhookAnswer ok(String message) {
        return new WebhookAnswer(200, Reason.OK, message, 0);
    }

    public static WebhookAnswer refused(int status, Reason reason, String message) {
        return new WebhookAnswer(status, reason, message, 0);
    }

    public static WebhookAnswer retryLater(Reason reason, String message, int retryAfterSeconds) {
        return new WebhookAnswer(503, reason, message, retryAfterSeconds);
    }

    public boolean isOk() {
        return status == 200;
    }
}
