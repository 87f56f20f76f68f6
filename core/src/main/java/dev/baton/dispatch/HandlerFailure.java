package dev.baton.dispatch;

/**
 * A stand-in for an exception an app's callback threw, for the log: same class names and stack frames,
 * without the messages, which may quote what the person wrote or a token.
 */
final class HandlerFailure extends RuntimeException {

    private static final int MAX_CAUSES = 8;

    private HandlerFailure(Throwable original, int depth) {
        super(original.getClass().getName() + " (message withheld)",
                original.getCause() != null && depth < MAX_CAUSES ? new HandlerFailure(original.getCause(), depth + 1)
                        : null);
        setStackTrace(original.getStackTrace());
    }

    static HandlerFailure of(Throwable original) {
        return new HandlerFailure(original, 0);
    }
}
