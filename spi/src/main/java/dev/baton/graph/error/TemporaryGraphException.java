package dev.baton.graph.error;

/** A temporary failure on Meta's side (code 1 unknown error, code 2 service unavailable, or an HTTP 5xx with an error body). Nothing was done; the client retries with backoff. */
public final class TemporaryGraphException extends MetaGraphException {

    private static final long serialVersionUID = 1L;

    public TemporaryGraphException(String endpoint, MetaError error) {
        super(endpoint, error);
    }

    @Override
    public boolean retryable() {
        return true;
    }

    @Override
    public String advice() {
        return "try again later";
    }
}
