package dev.baton.graph.error;

/** 100 Invalid parameter, incl. 100/2018001 (no matching user) and retired message tags. */
public final class InvalidParameterException extends MetaGraphException {

    private static final long serialVersionUID = 1L;

    public InvalidParameterException(String endpoint, MetaError error) {
        super(endpoint, error);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public String advice() {
        return "fix the request: a parameter is wrong, the recipient id is not a person of this Page, or a retired tag was used";
    }
}
