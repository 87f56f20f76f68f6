package dev.baton.graph.error;

/** 10904 the Page has messages disabled in its settings. */
public final class PageMessagingDisabledException extends MetaGraphException {

    private static final long serialVersionUID = 1L;

    public PageMessagingDisabledException(String endpoint, MetaError error) {
        super(endpoint, error);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public String advice() {
        return "turn messaging on in the Page settings";
    }
}
