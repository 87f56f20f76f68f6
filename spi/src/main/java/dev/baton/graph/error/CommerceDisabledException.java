package dev.baton.graph.error;

/** 2022 the ability to send commerce messages has been temporarily disabled for this application. */
public final class CommerceDisabledException extends MetaGraphException {

    private static final long serialVersionUID = 1L;

    public CommerceDisabledException(String endpoint, MetaError error) {
        super(endpoint, error);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public String advice() {
        return "send without commerce content, or try again much later";
    }
}
