package dev.baton.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.webhook.WebhookParseException.Reason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generates broken variants of {@code typed-fields.json}: each typed field set to every JSON type it does
 * not accept, each required field removed or set to null. Each case knows the reason and path it must give.
 */
final class MalformedCorpus {

    record Case(String name, byte[] body, Reason reason, String path) {
        @Override
        public String toString() {
            return name;
        }
    }

    enum Type { ID, TEXT, LONG, OBJECT, ARRAY, BOOL }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String M = "/entry/0/messaging/";

    /** JSON pointer into typed-fields.json, and what the field holds. */
    static final Map<String, Type> TYPED_FIELDS = typedFields();

    /** Pointers of fields the parser cannot do without. */
    static final List<String> REQUIRED_FIELDS = List.of("/object", "/entry", "/entry/0/id",
            M + "0/sender", M + "0/sender/id", M + "0/recipient", M + "0/recipient/id", M + "0/timestamp",
            M + "0/message/attachments/0/type", M + "2/sender", M + "2/timestamp",
            M + "4/pass_thread_control/new_owner_app_id", M + "5/take_thread_control/new_owner_app_id",
            M + "6/request_thread_control/requested_owner_app_id", M + "8/read/watermark",
            M + "9/delivery/watermark", M + "11/recipient", M + "11/recipient/id", M + "11/timestamp",
            "/entry/0/standby/0/sender/id", "/entry/0/standby/0/timestamp");

    private MalformedCorpus() {}

    private static Map<String, Type> typedFields() {
        Map<String, Type> fields = new java.util.LinkedHashMap<>();
        fields.put("/object", Type.TEXT);
        fields.put("/entry", Type.ARRAY);
        fields.put("/entry/0", Type.OBJECT);
        fields.put("/entry/0/id", Type.ID);
        fields.put("/entry/0/time", Type.LONG);
        fields.put("/entry/0/messaging", Type.ARRAY);
        fields.put("/entry/0/standby", Type.ARRAY);
        fields.put("/entry/0/hop_context", Type.ARRAY);
        fields.put("/entry/0/hop_context/0", Type.OBJECT);
        fields.put("/entry/0/hop_context/0/app_id", Type.ID);
        fields.put("/entry/0/hop_context/0/metadata", Type.TEXT);
        fields.put(M + "0", Type.OBJECT);
        fields.put(M + "0/sender", Type.OBJECT);
        fields.put(M + "0/sender/id", Type.ID);
        fields.put(M + "0/recipient", Type.OBJECT);
        fields.put(M + "0/recipient/id", Type.ID);
        fields.put(M + "0/timestamp", Type.LONG);
        String message = M + "0/message";
        fields.put(message, Type.OBJECT);
        for (String text : List.of("mid", "text")) {
            fields.put(message + "/" + text, Type.TEXT);
        }
        fields.put(message + "/is_echo", Type.BOOL);
        fields.put(message + "/is_deleted", Type.BOOL);
        fields.put(message + "/quick_reply", Type.OBJECT);
        fields.put(message + "/quick_reply/payload", Type.TEXT);
        fields.put(message + "/reply_to", Type.OBJECT);
        fields.put(message + "/reply_to/mid", Type.TEXT);
        fields.put(message + "/reply_to/is_self_reply", Type.BOOL);
        fields.put(message + "/attachments", Type.ARRAY);
        fields.put(message + "/attachments/0", Type.OBJECT);
        fields.put(message + "/attachments/0/type", Type.TEXT);
        fields.put(message + "/attachments/0/title", Type.TEXT);
        fields.put(message + "/attachments/0/payload", Type.OBJECT);
        fields.put(message + "/attachments/0/payload/url", Type.TEXT);
        fields.put(message + "/attachments/0/payload/sticker_id", Type.ID);
        addReferral(fields, message + "/referral", true);
        fields.put(M + "1/message/app_id", Type.ID);
        fields.put(M + "1/message/metadata", Type.TEXT);
        fields.put(M + "2/postback", Type.OBJECT);
        for (String text : List.of("mid", "title", "payload")) {
            fields.put(M + "2/postback/" + text, Type.TEXT);
        }
        addReferral(fields, M + "2/postback/referral", false);
        addReferral(fields, M + "3/referral", false);
        for (String handover : List.of("4/pass_thread_control", "5/take_thread_control")) {
            fields.put(M + handover, Type.OBJECT);
            fields.put(M + handover + "/previous_owner_app_id", Type.ID);
            fields.put(M + handover + "/new_owner_app_id", Type.ID);
            fields.put(M + handover + "/metadata", Type.TEXT);
        }
        fields.put(M + "6/request_thread_control", Type.OBJECT);
        fields.put(M + "6/request_thread_control/requested_owner_app_id", Type.ID);
        fields.put(M + "6/request_thread_control/metadata", Type.TEXT);
        fields.put(M + "7/app_roles", Type.OBJECT);
        fields.put(M + "7/app_roles/123", Type.ARRAY);
        fields.put(M + "7/app_roles/123/0", Type.TEXT);
        fields.put(M + "8/read", Type.OBJECT);
        fields.put(M + "8/read/watermark", Type.LONG);
        fields.put(M + "9/delivery", Type.OBJECT);
        fields.put(M + "9/delivery/mids", Type.ARRAY);
        fields.put(M + "9/delivery/mids/0", Type.TEXT);
        fields.put(M + "9/delivery/watermark", Type.LONG);
        fields.put(M + "10/reaction", Type.OBJECT);
        for (String text : List.of("reaction", "emoji", "action", "mid")) {
            fields.put(M + "10/reaction/" + text, Type.TEXT);
        }
        fields.put(M + "11/optin", Type.OBJECT);
        for (String text : List.of("type", "ref", "user_ref", "payload")) {
            fields.put(M + "11/optin/" + text, Type.TEXT);
        }
        fields.put(M + "11/sender", Type.OBJECT);
        fields.put("/entry/0/standby/0", Type.OBJECT);
        fields.put("/entry/0/standby/0/message/text", Type.TEXT);
        return fields;
    }

    private static void addReferral(Map<String, Type> fields, String referral, boolean full) {
        fields.put(referral, Type.OBJECT);
        for (String text : List.of("ref", "source", "type")) {
            fields.put(referral + "/" + text, Type.TEXT);
        }
        if (full) {
            fields.put(referral + "/ad_id", Type.ID);
            fields.put(referral + "/referer_uri", Type.TEXT);
            fields.put(referral + "/ads_context_data", Type.OBJECT);
            for (String text : List.of("ad_title", "photo_url", "video_url")) {
                fields.put(referral + "/ads_context_data/" + text, Type.TEXT);
            }
            for (String id : List.of("post_id", "product_id", "flow_id")) {
                fields.put(referral + "/ads_context_data/" + id, Type.ID);
            }
        }
    }

    static JsonNode base() {
        try {
            return MAPPER.readTree(Fixtures.bytes("typed-fields.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<JsonNode> wrongValues(Type type) {
        JsonNode object = NODES.objectNode().put("k", "v");
        JsonNode array = NODES.arrayNode().add("v");
        return switch (type) {
            case ID -> List.of(NODES.booleanNode(true), NODES.numberNode(1.5), object, array);
            case TEXT -> List.of(NODES.numberNode(1), NODES.booleanNode(true), object, array);
            case LONG -> List.of(NODES.textNode("1700000000000"), NODES.numberNode(1.5), NODES.booleanNode(false),
                    object, array, NODES.numberNode(new BigInteger("123456789012345678901234567890")));
            case OBJECT -> List.of(NODES.textNode("x"), NODES.numberNode(1), NODES.booleanNode(true), array);
            case ARRAY -> List.of(NODES.textNode("x"), NODES.numberNode(1), NODES.booleanNode(true), object);
            case BOOL -> List.of(NODES.textNode("true"), NODES.numberNode(1), object);
        };
    }

    static List<Case> wrongTypes() {
        List<Case> cases = new ArrayList<>();
        TYPED_FIELDS.forEach((pointer, type) -> {
            for (JsonNode wrong : wrongValues(type)) {
                JsonNode root = base();
                String path = replace(root, pointer, wrong);
                cases.add(new Case(pointer + " = " + wrong, bytes(root), Reason.WRONG_TYPE, path));
            }
        });
        return cases;
    }

    static List<Case> missingFields() {
        List<Case> cases = new ArrayList<>();
        for (String pointer : REQUIRED_FIELDS) {
            JsonNode removed = base();
            String path = replace(removed, pointer, null);
            cases.add(new Case(pointer + " removed", bytes(removed), Reason.MISSING_FIELD, path));
            JsonNode nulled = base();
            replace(nulled, pointer, NODES.nullNode());
            cases.add(new Case(pointer + " = null", bytes(nulled), Reason.MISSING_FIELD, path));
        }
        return cases;
    }

    /**
     * Sets (or, with a null value, removes) the value at {@code pointer} and answers the parser's path for it.
     * A step is an array index only where the tree holds an array, so numeric field names stay names.
     */
    static String replace(JsonNode root, String pointer, JsonNode value) {
        String[] steps = pointer.substring(1).split("/");
        JsonNode parent = root;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            if (parent.isArray()) {
                path.append('[').append(step).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(step);
            }
            if (i == steps.length - 1) {
                set(parent, step, value);
            } else {
                parent = parent.isArray() ? parent.get(Integer.parseInt(step)) : parent.get(step);
                if (parent == null) {
                    throw new IllegalArgumentException("no " + pointer + " in typed-fields.json");
                }
            }
        }
        return path.toString();
    }

    private static void set(JsonNode parent, String step, JsonNode value) {
        if (parent instanceof ArrayNode array) {
            if (value == null) {
                array.remove(Integer.parseInt(step));
            } else {
                array.set(Integer.parseInt(step), value);
            }
        } else if (value == null) {
            ((ObjectNode) parent).remove(step);
        } else {
            if (!parent.has(step)) {
                throw new IllegalArgumentException("no field " + step);
            }
            ((ObjectNode) parent).set(step, value);
        }
    }

    static byte[] bytes(JsonNode root) {
        try {
            return MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
