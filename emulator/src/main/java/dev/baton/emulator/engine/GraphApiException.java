package dev.baton.emulator.engine;

import static java.util.Objects.requireNonNull;

/** Thrown by a Graph API operation the emulator refuses; the HTTP layer answers with {@link #error()}. */
public final class GraphApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient GraphError error;

    public GraphApiException(GraphError error) {
        super(requireNonNull(error, "error is null").message());
        this.error = error;
    }

    public GraphError error() {
        return error;
    }
}
