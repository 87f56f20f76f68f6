package dev.baton.emulator.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.emulator.engine.GraphError;
import java.io.IOException;
import java.util.Map;

/**
 * A Graph call's parameters as one JSON object, the way Meta reads them: query string, then a JSON body or
 * a form body on top. Form and query values that hold JSON objects or arrays ({@code recipient={"id":"1"}})
 * are parsed, as Meta does for curl-style calls.
 */
final class GraphParams {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GraphParams() {}

    static ObjectNode of(HttpCall call) {
        ObjectNode params = MAPPER.createObjectNode();
        putAll(params, call.query());
        if (call.body().length == 0) {
            return params;
        }
        // curl -d sends JSON as form-encoded unless told otherwise; a body that is a JSON object is read as one.
        boolean looksLikeJson = new String(call.body(), 0, Math.min(call.body().length, 64), UTF_8).stripLeading()
                .startsWith("{");
        if (call.contentType().startsWith("application/json") || looksLikeJson) {
            JsonNode body;
            try {
                body = MAPPER.readTree(call.body());
            } catch (IOException e) {
                throw GraphError.invalidParameter("the request body is not valid JSON").exception();
            }
            if (body == null || !body.isObject()) {
                throw GraphError.invalidParameter("the request body must be a JSON object").exception();
            }
            params.setAll((ObjectNode) body);
        } else {
            putAll(params, HttpCall.parseForm(new String(call.body(), UTF_8)));
        }
        return params;
    }

    private static void putAll(ObjectNode params, Map<String, String> values) {
        values.forEach((key, value) -> {
            String trimmed = value.strip();
            if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                try {
                    params.set(key, MAPPER.readTree(trimmed));
                    return;
                } catch (IOException e) {
                    throw GraphError.invalidParameter("param " + key + " is not valid JSON").exception();
                }
            }
            params.put(key, value);
        });
    }

    /** A parameter as text (numbers too, since app ids come both ways); null when absent. */
    static String text(JsonNode params, String name) {
        JsonNode value = params.get(name);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }
}
