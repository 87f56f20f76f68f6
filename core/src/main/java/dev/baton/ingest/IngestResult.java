package dev.baton.ingest;

import static java.util.Objects.requireNonNull;

/**
 * What the transport answers Meta: an HTTP {@code status}, a short {@code body} (the challenge for a
 * subscription check, otherwise a one-line explanation that never holds a secret, an expected signature or
 * the request body), a {@code reason} fit for a metric tag, and for 503 the seconds for {@code Retry-After}
 * (0 otherwise).
 */
public record IngestResult(int status, Reason reason, String body, int retryAfterSeconds) {

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
        WRONG_VERIFY_TOKEN;

        // Computed once: the tag is read on every request, for the metric.
        private final String tag = name().toLowerCase(java.util.Locale.ROOT);

        public String tag() {
            return tag;
        }
    }

    public IngestResult {
        requireNonNull(reason, "reason is null");
        requireNonNull(body, "body is null");
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds is negative");
        }
    }

    public static IngestResult ok(String body) {
        return new IngestResult(200, Reason.OK, body, 0);
    }

    static IngestResult refused(int status, Reason reason, String body) {
        return new IngestResult(status, reason, body, 0);
    }

    static IngestResult retryLater(Reason reason, String body, int retryAfterSeconds) {
        return new IngestResult(503, reason, body, retryAfterSeconds);
    }

    public boolean isOk() {
        return status == 200;
    }
}
