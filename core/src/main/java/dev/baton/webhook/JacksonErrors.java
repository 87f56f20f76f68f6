package dev.baton.webhook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.baton.webhook.WebhookParseException.Reason;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Maps Jackson's read failures onto {@link Reason}s, with the JSON path and byte offset where the parser
 * stopped and at most a short, control-character-free excerpt of Jackson's own message.
 */
final class JacksonErrors {

    private static final int MAX_DETAIL = 160;

    private JacksonErrors() {}

    /**
     * Rejects a body that is not strict UTF-8 before Jackson sees it. Jackson guesses UTF-16 or UTF-32 from NUL
     * bytes at the start; Meta sends UTF-8, and a NUL byte is never valid in JSON, so such a body is rejected
     * before the guess can happen; see {@link Utf8Check} for the rest.
     */
    static void rejectNonUtf8(byte[] body) throws WebhookParseException {
        for (int i = 0; i < Math.min(4, body.length); i++) {
            if (body[i] == 0) {
                throw new WebhookParseException(Reason.INVALID_ENCODING, "", "NUL byte at byte " + i
                        + "; the body must be UTF-8");
            }
        }
        int invalid = Utf8Check.firstInvalid(body);
        if (invalid >= 0) {
            throw new WebhookParseException(Reason.INVALID_ENCODING, "",
                    String.format("invalid UTF-8 sequence starting with 0x%02x (at byte %d)", body[invalid], invalid));
        }
    }

    static WebhookParseException translate(Exception e, boolean rootRead) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        message = message == null ? e.getClass().getSimpleName() : message;
        String path = e instanceof StreamReadException sre && sre.getProcessor() != null
                ? pathOf(sre.getProcessor().getParsingContext()) : "";
        String where = e instanceof JsonProcessingException jpe ? at(jpe.getLocation()) : "";
        return new WebhookParseException(reason(e, message, rootRead), path, excerpt(message) + where);
    }

    private static Reason reason(Exception e, String message, boolean rootRead) {
        if (e instanceof StreamConstraintsException) {
            return message.contains("nesting depth") ? Reason.TOO_DEEP : Reason.TOO_LARGE;
        }
        if (message.startsWith("Invalid UTF-8") || message.contains("Invalid UTF-8")) {
            return Reason.INVALID_ENCODING;
        }
        if (message.startsWith("Duplicate field")) {
            return Reason.DUPLICATE_FIELD;
        }
        return rootRead ? Reason.TRAILING_CONTENT : Reason.MALFORMED_JSON;
    }

    static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The parser's position as {@code entry[0].messaging[1].sender}, from its nesting contexts. */
    private static String pathOf(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                parts.push("[" + Math.max(0, at.getCurrentIndex()) + "]");
            } else if (at.getCurrentName() != null) {
                parts.push("." + at.getCurrentName());
            }
        }
        String path = String.join("", parts);
        path = path.startsWith(".") ? path.substring(1) : path;
        return excerpt(path);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getByteOffset() < 0 ? "" : " (at byte " + location.getByteOffset() + ")";
    }

    private static String excerpt(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= MAX_DETAIL ? clean : clean.substring(0, MAX_DETAIL) + "...";
    }
}
