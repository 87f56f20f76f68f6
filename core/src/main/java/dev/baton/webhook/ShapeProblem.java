package dev.baton.webhook;

import dev.baton.event.UnknownEvent;

/**
 * A value that does not fit the record it is read into: the event it is in becomes an {@link UnknownEvent}
 * with this reason and path, the rest of the batch is read on. Thrown and caught inside the reader only; no
 * stack trace (it is control flow, and a shape problem is not a bug).
 */
final class ShapeProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final UnknownEvent.Reason reason;
    private final transient JsonPath path;

    ShapeProblem(UnknownEvent.Reason reason, JsonPath path) {
        super(reason.name(), null, false, false);
        this.reason = reason;
        this.path = path;
    }

    static ShapeProblem missing(JsonPath path) {
        return new ShapeProblem(UnknownEvent.Reason.MISSING_FIELD, path);
    }

    static ShapeProblem wrongType(JsonPath path) {
        return new ShapeProblem(UnknownEvent.Reason.WRONG_TYPE, path);
    }

    UnknownEvent.Reason reason() {
        return reason;
    }

    String path() {
        return path.toString();
    }
}
