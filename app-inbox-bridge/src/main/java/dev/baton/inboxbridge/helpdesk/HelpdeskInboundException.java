package dev.baton.inboxbridge.helpdesk;

/** An inbound helpdesk request is refused; {@link #status()} is the HTTP status to answer. */
public final class HelpdeskInboundException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;

    public HelpdeskInboundException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
