package dev.baton.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Typed reads of the value the parser is on, for the webhook readers. JSON {@code null} reads as absent
 * ({@code null}, or {@code false} for a flag). A value of the wrong type throws a {@link ShapeProblem} naming
 * its path, after which {@link #skipRest} moves the parser past the object being read. Ids (page, person,
 * app...) may be JSON strings or integers and always come out as decimal strings.
 */
final class Tokens {

    private Tokens() {}

    static String text(JsonParser parser, JsonPath path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw wrong(parser, path);
    }

    static String id(JsonParser parser, JsonPath path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getBigIntegerValue().toString();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw wrong(parser, path);
    }

    /** An integer that fits 64 bits; null for null. */
    static Long number(JsonParser parser, JsonPath path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw wrong(parser, path);
    }

    /** Like {@link #number}, also taking a string of decimal digits (some of Meta's samples quote numbers). */
    static Long lenientNumber(JsonParser parser, JsonPath path) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            if (!text.isEmpty() && text.length() <= 19 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Long.parseLong(text);
            }
            throw wrong(parser, path);
        }
        return number(parser, path);
    }

    static boolean flag(JsonParser parser, JsonPath path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (token == JsonToken.VALUE_FALSE || token == JsonToken.VALUE_NULL) {
            return false;
        }
        throw wrong(parser, path);
    }

    /** True when the parser is on an object's start; false for null; a problem for anything else. */
    static boolean object(JsonParser parser, JsonPath path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return true;
        }
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        throw wrong(parser, path);
    }

    /** True when the parser is on an array's start; false for null; a problem for anything else. */
    static boolean array(JsonParser parser, JsonPath path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_ARRAY) {
            return true;
        }
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        throw wrong(parser, path);
    }

    /** Moves to the next field of the current object: its value token, or null at the object's end. */
    static String nextField(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String name = parser.currentName();
        parser.nextToken();
        return name;
    }

    /**
     * Leaves the parser on the end of the structure at {@code depth} (the nesting depth right after its start
     * token), wherever inside it a problem stopped the reading.
     */
    static void skipRest(JsonParser parser, int depth) throws IOException {
        if (parser.currentToken() == JsonToken.START_OBJECT || parser.currentToken() == JsonToken.START_ARRAY) {
            parser.skipChildren();
        }
        while (parser.getParsingContext().getNestingDepth() >= depth) {
            if (parser.nextToken() == null) {
                return;
            }
            parser.skipChildren();
        }
    }

    private static ShapeProblem wrong(JsonParser parser, JsonPath path) throws IOException {
        // Leave the parser after the bad value, whatever it is, so skipRest starts from a clean place.
        parser.skipChildren();
        return ShapeProblem.wrongType(path);
    }
}
