package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One Graph API call as the emulator received and answered it, for tests that count what Meta saw (a crash
 * test counting repeated sends, say). {@code sequence} is the order of arrival (from 1); {@code appId} the
 * caller (null when its token was refused); {@code edge} the last path segment ({@code messages},
 * {@code pass_thread_control}, ...; empty for a node). From the request: the {@code recipient} id, the
 * message {@code text}, the {@code metadata} (of a thread-control call, else the message's) and
 * {@code target_app_id}, each null when absent; tokens and proofs are never kept. {@code status} is the HTTP
 * status answered, {@code errorCode} Meta's error code (0 for none). {@code receivedAt}, {@code doneAt} (the
 * call was done or refused) and {@code answeredAt} (the answer was handed to the HTTP layer) are read from the
 * system clock, not the emulator's simulated one, so a test can set them against what it did meanwhile.
 */
public record GraphCall(long sequence, String appId, String method, String edge, String recipientId, String text,
                        String metadata, String targetAppId, int status, int errorCode, Instant receivedAt,
                        Instant doneAt, Instant answeredAt) {

    public GraphCall {
        requireNonNull(method, "method is null");
        requireNonNull(edge, "edge is null");
        requireNonNull(receivedAt, "receivedAt is null");
        requireNonNull(doneAt, "doneAt is null");
        requireNonNull(answeredAt, "answeredAt is null");
    }

    /** Answered 200: Meta did it (a bad-gateway fault also does the call, but answers 502). */
    public boolean succeeded() {
        return status == 200;
    }
}
