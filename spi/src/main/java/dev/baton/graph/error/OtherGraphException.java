package dev.baton.graph.error;

/** Any error code this client has no special meaning for; kept whole in error(). */
public final class OtherGraphException extends MetaGraphException {

    private static final long serialVersionUID = 1L;

    public OtherGraphException(String endpoint, MetaError error) {
        super(endpoint, error);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public String advice() {
        return "";
    }
}
