package dev.baton.graph.error;

import static java.util.Objects.requireNonNull;

/**
 * A request Meta would reject for its shape (text over 2000 characters, both {@code thread_control} forms,
 * a tag without {@code MESSAGE_TAG}, a retired tag...), refused locally before any network call. Retrying
 * the same request cannot help.
 */
public final class InvalidRequestException extends GraphException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidRequestException(String field, String problem) {
        super("invalid Send/Graph request, " + requireNonNull(field, "field is null") + ": "
                + requireNonNull(problem, "problem is null"), null);
        this.field = field;
    }

    /** The JSON path of the offending field, e.g. {@code message.text} or {@code thread_control}. */
    public String field() {
        return field;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
