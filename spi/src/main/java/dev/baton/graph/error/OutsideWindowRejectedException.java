package dev.baton.graph.error;

/** Meta says the message is outside the allowed window: 10/2018278 (Messenger), 10/2534022 (Instagram). */
public final class OutsideWindowRejectedException extends MetaGraphException {

    private static final long serialVersionUID = 1L;

    public OutsideWindowRejectedException(String endpoint, MetaError error) {
        super(endpoint, error);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public String advice() {
        return "wait for the person to write again, or use the HUMAN_AGENT tag (within 7 days, with the Human Agent permission)";
    }
}
