package dev.baton.webhook;

import static dev.baton.webhook.WebhookParseException.Reason.MISSING_FIELD;
import static dev.baton.webhook.WebhookParseException.Reason.WRONG_TYPE;

import dev.baton.webhook.JsonTape.Type;

/**
 * Typed reads of one field of a JSON object on a {@link JsonTape}, each naming the field's path when the
 * type is wrong. Absent and JSON {@code null} are treated alike: missing for a required field, {@code null}
 * (or {@link JsonTape#ABSENT} for a node) for an optional one. Ids (page, person, app, ad, sticker...) may
 * arrive as JSON strings or integral numbers and always come out as decimal strings.
 */
final class JsonFields {

    private JsonFields() {}

    /** The object node, or {@link JsonTape#ABSENT} when the field is absent or null. */
    static int optionalObject(JsonTape tape, int parent, String name, JsonPath path) throws WebhookParseException {
        int value = tape.get(parent, name);
        if (tape.isAbsent(value)) {
            return JsonTape.ABSENT;
        }
        if (!tape.is(value, Type.OBJECT)) {
            throw wrongType(path.field(name), "an object", tape, value);
        }
        return value;
    }

    static int requiredObject(JsonTape tape, int parent, String name, JsonPath path) throws WebhookParseException {
        int value = optionalObject(tape, parent, name, path);
        if (value == JsonTape.ABSENT) {
            throw missing(path.field(name));
        }
        return value;
    }

    /** The array node, or {@link JsonTape#ABSENT} when the field is absent or null (read as empty). */
    static int optionalArray(JsonTape tape, int parent, String name, JsonPath path) throws WebhookParseException {
        int value = tape.get(parent, name);
        if (tape.isAbsent(value)) {
            return JsonTape.ABSENT;
        }
        if (!tape.is(value, Type.ARRAY)) {
            throw wrongType(path.field(name), "an array", tape, value);
        }
        return value;
    }

    static String optionalText(JsonTape tape, int parent, String name, JsonPath path) throws WebhookParseException {
        int value = tape.get(parent, name);
        if (tape.isAbsent(value)) {
            return null;
        }
        if (!tape.is(value, Type.STRING)) {
            throw wrongType(path.field(name), "a string", tape, value);
        }
        return tape.text(value);
    }

    static String optionalId(JsonTape tape, int parent, String name, JsonPath path) throws WebhookParseException {
        int value = tape.get(parent, name);
        if (tape.isAbsent(value)) {
            return null;
        }
        if (tape.is(value, Type.STRING)) {
            return tape.text(value);
        }
        if (tape.isIntegral(value)) {
            return tape.integerText(value);
        }
        throw wrongType(path.field(name), "a string or an integer", tape, value);
    }

    static String requiredId(JsonTape tape, int parent, String name, JsonPath path) throws WebhookParseException {
        String id = optionalId(tape, parent, name, path);
        if (id == null) {
            throw missing(path.field(name));
        }
        return id;
    }

    static Long optionalLong(JsonTape tape, int parent, String name, JsonPath path) throws WebhookParseException {
        int value = tape.get(parent, name);
        if (tape.isAbsent(value)) {
            return null;
        }
        if (!tape.isLong(value)) {
            throw wrongType(path.field(name), "an integer", tape, value);
        }
        return tape.longValue(value);
    }

    static long requiredLong(JsonTape tape, int parent, String name, JsonPath path) throws WebhookParseException {
        int value = tape.get(parent, name);
        if (tape.isAbsent(value)) {
            throw missing(path.field(name));
        }
        if (!tape.isLong(value)) {
            throw wrongType(path.field(name), "an integer", tape, value);
        }
        return tape.longValue(value);
    }

    static boolean optionalBoolean(JsonTape tape, int parent, String name, JsonPath path)
            throws WebhookParseException {
        int value = tape.get(parent, name);
        if (tape.isAbsent(value)) {
            return false;
        }
        if (tape.is(value, Type.TRUE)) {
            return true;
        }
        if (!tape.is(value, Type.FALSE)) {
            throw wrongType(path.field(name), "true or false", tape, value);
        }
        return false;
    }

    static WebhookParseException missing(JsonPath path) {
        return new WebhookParseException(MISSING_FIELD, path.toString(), "required field is absent or null");
    }

    static WebhookParseException wrongType(JsonPath path, String expected, JsonTape tape, int actual) {
        return new WebhookParseException(WRONG_TYPE, path.toString(),
                "expected " + expected + " but found " + describe(tape, actual));
    }

    private static String describe(JsonTape tape, int node) {
        return switch (tape.type(node)) {
            case INTEGER -> "an integer";
            case BIG_INTEGER -> tape.isLong(node) ? "an integer" : "an integer beyond 64 bits";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case TRUE, FALSE -> "a boolean";
            case DECIMAL -> "a decimal number";
            case NULL -> "null";
        };
    }
}
