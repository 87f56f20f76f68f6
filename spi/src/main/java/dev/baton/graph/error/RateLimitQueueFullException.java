package dev.baton.graph.error;

/**
 * Refused locally: the Page's Send API rate limiter already has as many waiting callers as configured
 * ({@code maxWaitingCallers}), or a permit would not come within the request timeout. Nothing was sent, so
 * a later retry can succeed; the client never retries this itself, since failing fast is the point.
 */
public final class RateLimitQueueFullException extends GraphException {

    private static final long serialVersionUID = 1L;

    public RateLimitQueueFullException(String limiterName, int waitingCallers) {
        super("send refused locally: rate limiter '" + limiterName + "' is full (" + waitingCallers
                + " callers waiting); nothing was sent", null);
    }

    @Override
    public boolean retryable() {
        return true;
    }

    @Override
    public String advice() {
        return "slow down or queue the work; retry after a short pause";
    }
}
