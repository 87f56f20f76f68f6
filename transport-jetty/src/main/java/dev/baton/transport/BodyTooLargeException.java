package dev.baton.transport;

/** The request body grew past the configured limit while it was read (chunked bodies have no length). */
final class BodyTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException() {
        super("request body too large", null, false, false);
    }
}
