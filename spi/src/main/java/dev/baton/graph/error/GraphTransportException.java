package dev.baton.graph.error;

/**
 * The Graph API could not be reached or its answer could not be read. When the connection was never made,
 * nothing was sent and a retry can help; otherwise the outcome is unknown, as for a timeout.
 */
public final class GraphTransportException extends GraphException {

    private static final long serialVersionUID = 1L;

    private final boolean nothingSent;

    public GraphTransportException(String endpoint, boolean nothingSent, Throwable cause) {
        super((nothingSent ? "could not connect to the Graph API for " : "transport failure during ") + endpoint
                + (nothingSent ? "; nothing was sent" : "; the outcome is unknown") + " ("
                + cause.getClass().getSimpleName() + ")", cause);
        this.nothingSent = nothingSent;
    }

    public boolean nothingSent() {
        return nothingSent;
    }

    @Override
    public boolean retryable() {
        return nothingSent;
    }
}
