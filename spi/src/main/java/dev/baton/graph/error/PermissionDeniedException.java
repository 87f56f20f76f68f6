package dev.baton.graph.error;

/** 200 Permissions error (incl. 200/2018028 pages_messaging not reviewed) and 10 for a missing permission. */
public final class PermissionDeniedException extends MetaGraphException {

    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(String endpoint, MetaError error) {
        super(endpoint, error);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public String advice() {
        return "grant the missing permission (App Review: pages_messaging, Human Agent) or check the app's role on the Page";
    }
}
