package dev.baton.graph.error;

/**
 * Root of every failure of a call to Meta's Graph API, or of a call refused locally before it reached Meta.
 * Unchecked, so that app callbacks need not declare it; the family is sealed so that a {@code switch} over
 * it is checked by the compiler.
 *
 * <p>Every subtype says whether retrying the same call can help ({@link #retryable()}) and, where Meta's
 * answer means the app should do something else, what ({@link #advice()}). Messages never contain an
 * access token, app secret or {@code appsecret_proof}.
 */
public abstract sealed class GraphException extends RuntimeException
        permits MetaGraphException, InvalidRequestException, OutsideMessagingWindowException,
                RateLimitQueueFullException, SendTimedOutException, GraphTransportException {

    private static final long serialVersionUID = 1L;

    protected GraphException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the same call, made again later, can succeed (nothing was done the first time). */
    public abstract boolean retryable();

    /** What the app should do instead, in one sentence; empty when there is nothing better than the message. */
    public String advice() {
        return "";
    }
}
