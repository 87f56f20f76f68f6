package dev.baton.graph.error;

/**
 * The call was sent but no answer came within the request timeout. Meta may or may not have acted on it
 * (the message may have been delivered), so the client never retries it: the app decides, knowing that a
 * retry can deliver the message twice.
 */
public final class SendTimedOutException extends GraphException {

    private static final long serialVersionUID = 1L;

    public SendTimedOutException(String endpoint, Throwable cause) {
        super("no answer from the Graph API for " + endpoint + " within the request timeout; the outcome is "
                + "unknown (it may have been done)", cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public String advice() {
        return "check whether it happened (for a send: an echo with its metadata) before sending again";
    }
}
