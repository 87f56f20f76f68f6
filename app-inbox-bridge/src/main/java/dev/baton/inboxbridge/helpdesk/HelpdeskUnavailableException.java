package dev.baton.inboxbridge.helpdesk;

/** The helpdesk could not be told something (unreachable, timed out, or it answered an error). */
public final class HelpdeskUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HelpdeskUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
