package dev.baton.webhook;

import static dev.baton.webhook.Tokens.id;
import static dev.baton.webhook.Tokens.nextField;
import static dev.baton.webhook.Tokens.number;
import static dev.baton.webhook.Tokens.object;
import static dev.baton.webhook.Tokens.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.baton.event.Referral;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the object under an event's kind key (all kinds but {@code message}, see {@link MessageReader}) into
 * its fields, before the header is known. The parser is on the object's start and ends on its end.
 */
final class KindReader {

    /** The scalar fields of a kind object by name, plus the few nested values some kinds have. */
    static final class Fields {
        final Map<String, Object> values = new HashMap<>(8);
        Referral referral;
        List<String> mids;
        Map<String, List<String>> roles;
        String rawText;

        String text(String name) {
            return (String) values.get(name);
        }

        Long number(String name) {
            return (Long) values.get(name);
        }
    }

    private KindReader() {}

    static Fields read(String kind, JsonParser parser, Source source, JsonPath path) throws IOException {
        Fields fields = new Fields();
        int start = source.tokenStart(parser);
        if (kind.equals("app_roles")) {
            fields.roles = roles(parser, path);
            return fields;
        }
        for (String field = nextField(parser); field != null; field = nextField(parser)) {
            if (!uses(kind, field)) {
                parser.skipChildren(); // a field another kind would read is not this kind's business
                continue;
            }
            JsonPath at = path.field(field);
            switch (field) {
                case "watermark" -> fields.values.put(field, number(parser, at));
                case "num_edit" -> fields.values.put(field, numEdit(parser));
                case "previous_owner_app_id", "new_owner_app_id", "requested_owner_app_id" ->
                        fields.values.put(field, id(parser, at));
                case "referral" -> fields.referral = object(parser, at) ? MessageReader.referral(parser, at) : null;
                case "mids" -> fields.mids = mids(parser, at);
                default -> fields.values.put(field, text(parser, at));
            }
        }
        if (kind.equals("optin")) {
            fields.rawText = source.slice(start, source.position(parser)).text();
        }
        return fields;
    }

    /** The fields each kind's record holds; the rest of its object is only in the raw JSON. */
    private static boolean uses(String kind, String field) {
        return switch (kind) {
            case "postback" -> field.equals("mid") || field.equals("title") || field.equals("payload")
                    || field.equals("referral");
            case "pass_thread_control", "take_thread_control" -> field.equals("previous_owner_app_id")
                    || field.equals("new_owner_app_id") || field.equals("metadata");
            case "request_thread_control" -> field.equals("requested_owner_app_id") || field.equals("metadata");
            case "read" -> field.equals("watermark");
            case "delivery" -> field.equals("watermark") || field.equals("mids");
            case "reaction" -> field.equals("mid") || field.equals("action") || field.equals("reaction")
                    || field.equals("emoji");
            case "optin" -> field.equals("type") || field.equals("ref") || field.equals("user_ref")
                    || field.equals("payload");
            case "message_edit" -> field.equals("mid") || field.equals("text") || field.equals("num_edit");
            case "policy_enforcement", "policy-enforcement" -> field.equals("action") || field.equals("reason");
            default -> false;
        };
    }

    /** A referral event's object is the referral itself. */
    static Referral referral(JsonParser parser, JsonPath path) throws IOException {
        return MessageReader.referral(parser, path);
    }

    /** {@code num_edit} is a number in Meta's table and a string in its samples; anything else reads as null. */
    private static Integer numEdit(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        String text = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_STRING ? parser.getText() : null;
        parser.skipChildren();
        if (text == null || text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.valueOf(text);
    }

    private static List<String> mids(JsonParser parser, JsonPath path) throws IOException {
        if (!Tokens.array(parser, path)) {
            return List.of();
        }
        List<String> mids = new ArrayList<>(1);
        int i = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonPath at = path.index(i++);
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                parser.skipChildren();
                throw ShapeProblem.wrongType(at);
            }
            mids.add(parser.getText());
        }
        return mids;
    }

    /** {@code {"<app id>": ["primary_receiver", ...], ...}}. */
    private static Map<String, List<String>> roles(JsonParser parser, JsonPath path) throws IOException {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        for (String app = nextField(parser); app != null; app = nextField(parser)) {
            JsonPath at = path.field(app);
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                parser.skipChildren();
                throw ShapeProblem.wrongType(at);
            }
            List<String> names = new ArrayList<>(1);
            int i = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    parser.skipChildren();
                    throw ShapeProblem.wrongType(at.index(i));
                }
                names.add(parser.getText());
                i++;
            }
            roles.put(app, names);
        }
        return roles;
    }
}
