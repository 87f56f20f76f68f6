package dev.baton.emulator.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.emulator.engine.GraphError;
import dev.baton.emulator.engine.UploadedFile;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A Graph call's parameters as one JSON object, the way Meta reads them: query string, then the body on top
 * (a JSON object, {@code application/x-www-form-urlencoded}, or {@code multipart/form-data}, whose file parts
 * are kept beside the parameters). Form, multipart and query values that hold JSON objects or arrays
 * ({@code recipient={"id":"1"}}) are parsed, as Meta does for curl-style calls, and so is Meta's lenient
 * single-quoted form of them ({@code recipient={'id':'1'}}, from its own Send API reference). A JSON body is
 * read strictly: only field values get the lenient reading.
 */
final class GraphParams {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();

    private GraphParams() {}

    /** The parameters, and the files of a multipart body. */
    record Read(ObjectNode params, List<UploadedFile> files) {}

    static ObjectNode of(HttpCall call) {
        return read(call).params();
    }

    static Read read(HttpCall call) {
        ObjectNode params = MAPPER.createObjectNode();
        putAll(params, call.query());
        if (call.body().length == 0) {
            return new Read(params, List.of());
        }
        if (call.contentType().startsWith("multipart/form-data")) {
            // The boundary is case-sensitive: the header as sent, not the lower-cased content type.
            MultipartForm form = MultipartForm.parse(call.header("content-type"), call.body());
            putAll(params, form.fields());
            return new Read(params, form.files());
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
        return new Read(params, List.of());
    }

    private static void putAll(ObjectNode params, Map<String, String> values) {
        values.forEach((key, value) -> {
            String trimmed = value.strip();
            if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                try {
                    params.set(key, LENIENT.readTree(trimmed));
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
