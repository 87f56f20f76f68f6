package dev.baton.webhook;

import static java.util.Objects.requireNonNull;

/**
 * A webhook body that is not a well-formed Meta webhook batch. The message names what is wrong and where
 * ({@link #path()}, e.g. {@code entry[0].messaging[1].sender.id}); it never repeats more than a short
 * excerpt of the input, so a log line stays small and holds nothing the sender did not already know.
 */
public final class WebhookParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the body was rejected; stable, for metric tags and HTTP answers. */
    public enum Reason {
        /** The body has no bytes (or only white space). */
        EMPTY_BODY,
        /** Not JSON: a syntax error or a body that stops early. */
        MALFORMED_JSON,
        /** The bytes are not valid UTF-8. */
        INVALID_ENCODING,
        /** An object names the same field twice; two readers could disagree on which one counts. */
        DUPLICATE_FIELD,
        /** More JSON (or anything but white space) after the top-level object. */
        TRAILING_CONTENT,
        /** Arrays and objects nested deeper than the parser's limit. */
        TOO_DEEP,
        /** The body, a string, a field name or a number is longer than the parser's limit. */
        TOO_LARGE,
        /** The top-level value is not a JSON object. */
        NOT_AN_OBJECT,
        /** {@code object} is neither {@code page} nor {@code instagram}. */
        UNKNOWN_OBJECT,
        /** A field has the wrong JSON type (a string where a number belongs, a number that is not integral...). */
        WRONG_TYPE,
        /** A field this kind of event cannot do without is absent or null. */
        MISSING_FIELD
    }

    private final Reason reason;
    private final String path;

    public WebhookParseException(Reason reason, String path, String detail) {
        super(describe(requireNonNull(reason, "reason is null"), requireNonNull(path, "path is null"), detail));
        this.reason = reason;
        this.path = path;
    }

    private static String describe(Reason reason, String path, String detail) {
        String where = path.isEmpty() ? "at the top level" : "at " + path;
        return reason + " " + where + (detail == null || detail.isEmpty() ? "" : ": " + detail);
    }

    public Reason reason() {
        return reason;
    }

    /** Where the problem is, as {@code entry[0].messaging[1].sender.id}; empty for the whole body. */
    public String path() {
        return path;
    }
}
