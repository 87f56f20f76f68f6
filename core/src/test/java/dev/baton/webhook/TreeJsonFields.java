package dev.baton.webhook;

import static dev.baton.webhook.WebhookParseException.Reason.MISSING_FIELD;
import static dev.baton.webhook.WebhookParseException.Reason.WRONG_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of one field of a JSON object, each naming the field's path when the type is wrong.
 * Absent and JSON {@code null} are treated alike: missing for a required field, {@code null} for an
 * optional one. Ids (page, person, app, ad, sticker...) may arrive as JSON strings or integral numbers and
 * always come out as decimal strings.
 */
final class TreeJsonFields {

    private TreeJsonFields() {}

    static JsonNode optionalObject(JsonNode parent, String name, JsonPath path) throws WebhookParseException {
        JsonNode value = parent.get(name);
        if (isAbsent(value)) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(path.field(name), "an object", value);
        }
        return value;
    }

    static JsonNode requiredObject(JsonNode parent, String name, JsonPath path) throws WebhookParseException {
        JsonNode value = optionalObject(parent, name, path);
        if (value == null) {
            throw missing(path.field(name));
        }
        return value;
    }

    /** The array's elements, or an empty list when the field is absent or null. */
    static List<JsonNode> optionalArray(JsonNode parent, String name, JsonPath path) throws WebhookParseException {
        JsonNode value = parent.get(name);
        if (isAbsent(value)) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(path.field(name), "an array", value);
        }
        List<JsonNode> elements = new ArrayList<>(value.size());
        value.forEach(elements::add);
        return elements;
    }

    static String optionalText(JsonNode parent, String name, JsonPath path) throws WebhookParseException {
        JsonNode value = parent.get(name);
        if (isAbsent(value)) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(path.field(name), "a string", value);
        }
        return value.textValue();
    }

    static String optionalId(JsonNode parent, String name, JsonPath path) throws WebhookParseException {
        JsonNode value = parent.get(name);
        if (isAbsent(value)) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        throw wrongType(path.field(name), "a string or an integer", value);
    }

    static String requiredId(JsonNode parent, String name, JsonPath path) throws WebhookParseException {
        String id = optionalId(parent, name, path);
        if (id == null) {
            throw missing(path.field(name));
        }
        return id;
    }

    static Long optionalLong(JsonNode parent, String name, JsonPath path) throws WebhookParseException {
        JsonNode value = parent.get(name);
        if (isAbsent(value)) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(path.field(name), "an integer", value);
        }
        return value.longValue();
    }

    static long requiredLong(JsonNode parent, String name, JsonPath path) throws WebhookParseException {
        Long number = optionalLong(parent, name, path);
        if (number == null) {
            throw missing(path.field(name));
        }
        return number;
    }

    static boolean optionalBoolean(JsonNode parent, String name, JsonPath path) throws WebhookParseException {
        JsonNode value = parent.get(name);
        if (isAbsent(value)) {
            return false;
        }
        if (!value.isBoolean()) {
            throw wrongType(path.field(name), "true or false", value);
        }
        return value.booleanValue();
    }

    static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull();
    }

    static WebhookParseException missing(JsonPath path) {
        return new WebhookParseException(MISSING_FIELD, path.toString(), "required field is absent or null");
    }

    static WebhookParseException wrongType(JsonPath path, String expected, JsonNode actual) {
        return new WebhookParseException(WRONG_TYPE, path.toString(),
                "expected " + expected + " but found " + describe(actual));
    }

    private static String describe(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? "an integer" : "an integer beyond 64 bits";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a decimal number";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
