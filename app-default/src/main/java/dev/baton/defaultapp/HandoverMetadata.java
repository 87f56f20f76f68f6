package dev.baton.defaultapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads handover metadata written by another app: a JSON object is flattened into {@code field} /
 * {@code field.inner} strings (at most 50 fields, values cut to 300 characters); anything else is kept whole
 * as {@code text}.
 */
final class HandoverMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_FIELDS = 50;

    private HandoverMetadata() {}

    static Map<String, String> flatten(String metadata) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (metadata == null || metadata.isBlank()) {
            return fields;
        }
        try {
            JsonNode root = JSON.readTree(metadata);
            if (root != null && root.isObject()) {
                flatten("", root, fields);
                return fields;
            }
        } catch (IOException notJson) {
            // plain-text metadata is fine: kept as it is
        }
        fields.put("text", cut(metadata));
        return fields;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (into.size() >= MAX_FIELDS) {
                return;
            }
            String name = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(name + ".", value, into);
            } else if (!value.isNull()) {
                into.put(name, cut(value.isValueNode() ? value.asText() : value.toString()));
            }
        }
    }

    private static String cut(String value) {
        return value.length() <= 300 ? value : value.substring(0, 300);
    }
}
