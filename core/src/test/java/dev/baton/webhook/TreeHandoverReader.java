package dev.baton.webhook;

import static dev.baton.webhook.TreeJsonFields.optionalId;
import static dev.baton.webhook.TreeJsonFields.optionalText;
import static dev.baton.webhook.TreeJsonFields.requiredId;
import static dev.baton.webhook.TreeJsonFields.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.event.EventHeader;
import dev.baton.event.HandoverEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code messaging_handovers} kinds. App ids may be JSON strings or numbers (Meta's samples show
 * both) and come out as decimal strings. The new owner (or the requesting app) is required: without it the
 * local record of who owns the thread could not be kept. The previous owner may be null (idle thread).
 */
final class TreeHandoverReader {

    HandoverEvent read(String key, JsonNode body, EventHeader header, JsonPath path) throws WebhookParseException {
        return switch (key) {
            case "pass_thread_control" -> new HandoverEvent.PassThreadControl(header,
                    optionalId(body, "previous_owner_app_id", path), requiredId(body, "new_owner_app_id", path),
                    optionalText(body, "metadata", path));
            case "take_thread_control" -> new HandoverEvent.TakeThreadControl(header,
                    optionalId(body, "previous_owner_app_id", path), requiredId(body, "new_owner_app_id", path),
                    optionalText(body, "metadata", path));
            case "request_thread_control" -> new HandoverEvent.RequestThreadControl(header,
                    requiredId(body, "requested_owner_app_id", path), optionalText(body, "metadata", path));
            case "app_roles" -> new HandoverEvent.AppRoles(header, roles(body, path));
            default -> throw new IllegalArgumentException("not a handover key: " + key);
        };
    }

    /** {@code {"<app id>": ["primary_receiver", ...], ...}}. */
    private static Map<String, List<String>> roles(JsonNode body, JsonPath path) throws WebhookParseException {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonPath at = path.field(field.getKey());
            if (!field.getValue().isArray()) {
                throw wrongType(at, "an array", field.getValue());
            }
            List<String> names = new ArrayList<>(field.getValue().size());
            for (int i = 0; i < field.getValue().size(); i++) {
                JsonNode name = field.getValue().get(i);
                if (!name.isTextual()) {
                    throw wrongType(at.index(i), "a string", name);
                }
                names.add(name.textValue());
            }
            roles.put(field.getKey(), names);
        }
        return roles;
    }
}
