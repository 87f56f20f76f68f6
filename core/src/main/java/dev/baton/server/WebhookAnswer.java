package dev.baton.transport;

import static java.util.Objects.requireNonNull;

/**
 * What the transport sends back for one webhook request: an HTTP status, a short text that is safe to show
 * (never a secret, an expected signature or the request body) and, for 503, how many seconds Meta should
 * wait before retrying (0 when not applicable).
 */
public record WebhookAnswer(int status, String message, int retryAfterSeconds) {

    public WebhookAnswer {
        requireNonNull(message, "message is null");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds is negative: " + retryAfterSeconds);
        }
    }

    public static WebhookAnswer ok(String message) {
        return new WebhookAnswer(200, message, 0);
    }

    public static WebhookAnswer status(int status, String message) {
        return new WebhookAnswer(status, message, 0);
    }

    public static WebhookAnswer unavailable(String message, int retryAfterSeconds) {
        return new WebhookAnswer(503, message, retryAfterSeconds);
    }
}
