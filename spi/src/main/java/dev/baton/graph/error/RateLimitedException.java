package dev.baton.graph.error;

/** Meta's rate limits: 613 (incl. 613/2534040), 4 (app), 17 (user), 32 (page), 341 (app limit reached). Nothing was done; the client retries with backoff. */
public final class RateLimitedException extends MetaGraphException {

    private static final long serialVersionUID = 1L;

    public RateLimitedException(String endpoint, MetaError error) {
        super(endpoint, error);
    }

    @Override
    public boolean retryable() {
        return true;
    }

    @Override
    public String advice() {
        return "slow down: the client already retried with backoff; lower the send rate or spread sends over time";
    }
}
