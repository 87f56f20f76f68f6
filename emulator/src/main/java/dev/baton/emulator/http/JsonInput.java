package dev.baton.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.emulator.EmulatorException;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/** Strict reading of control-API bodies: a JSON object, known keys only, typed fields with clear errors. */
final class JsonInput {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode node;
    private final String what;

    private JsonInput(JsonNode node, String what) {
        this.node = node;
        this.what = what;
    }

    static JsonInput body(HttpCall call, String what, Set<String> allowedKeys) {
        JsonNode node;
        try {
            node = call.body().length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(call.body());
        } catch (IOException e) {
            throw EmulatorException.badRequest(what + ": the body is not valid JSON");
        }
        return of(node, what, allowedKeys);
    }

    static JsonInput of(JsonNode node, String what, Set<String> allowedKeys) {
        if (node == null || !node.isObject()) {
            throw EmulatorException.badRequest(what + " must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedKeys.contains(name)) {
                throw EmulatorException.badRequest(what + ": unknown key '" + name + "'; allowed: " + allowedKeys);
            }
        }
        return new JsonInput(node, what);
    }

    JsonNode raw(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    /** A string (numbers accepted for ids), or null when absent. */
    String text(String key) {
        JsonNode value = raw(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() && !value.isIntegralNumber()) {
            throw EmulatorException.badRequest(what + ": '" + key + "' must be a string");
        }
        return value.asText();
    }

    String requiredText(String key) {
        String value = text(key);
        if (value == null || value.isBlank()) {
            throw EmulatorException.badRequest(what + ": '" + key + "' is required");
        }
        return value;
    }

    boolean bool(String key, boolean absent) {
        JsonNode value = raw(key);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw EmulatorException.badRequest(what + ": '" + key + "' must be true or false");
        }
        return value.booleanValue();
    }

    long number(String key, long absent) {
        JsonNode value = raw(key);
        if (value == null) {
            return absent;
        }
        if (!value.isIntegralNumber()) {
            throw EmulatorException.badRequest(what + ": '" + key + "' must be a whole number");
        }
        return value.longValue();
    }
}
