package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * One webhook POST the emulator made to an app: the request headers (content type and both signatures),
 * the exact body, and the app's answer. {@code status} is 0 when the app did not answer (refused connection,
 * or no answer within the delivery timeout), with {@code failure} saying why. {@code attempt} counts from 1
 * for each batch; {@code at} is simulated time. {@code sequence} orders all POSTs to one app.
 * {@code answerMillis} is how long the app took to answer (real time; for a failure, until it failed).
 */
public record DeliveryRecord(
        long sequence,
        String appId,
        URI url,
        int attempt,
        Map<String, String> headers,
        String body,
        int status,
        String answer,
        String failure,
        Instant at,
        long answerMillis) {

    public DeliveryRecord {
        requireNonNull(appId, "appId is null");
        requireNonNull(url, "url is null");
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(body, "body is null");
        requireNonNull(at, "at is null");
    }

    public DeliveryRecord(long sequence, String appId, URI url, int attempt, Map<String, String> headers, String body,
                          int status, String answer, String failure, Instant at) {
        this(sequence, appId, url, attempt, headers, body, status, answer, failure, at, 0);
    }

    /** A 2xx answer: Meta counts the delivery as done. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
