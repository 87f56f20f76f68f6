package dev.baton.webhook;

import static dev.baton.webhook.JsonFields.optionalId;
import static dev.baton.webhook.JsonFields.optionalText;
import static dev.baton.webhook.JsonFields.requiredId;
import static dev.baton.webhook.JsonFields.wrongType;

import dev.baton.event.EventHeader;
import dev.baton.event.HandoverEvent;
import dev.baton.webhook.JsonTape.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code messaging_handovers} kinds. App ids may be JSON strings or numbers (Meta's samples show
 * both) and come out as decimal strings. The new owner (or the requesting app) is required: without it the
 * local record of who owns the thread could not be kept. The previous owner may be null (idle thread).
 */
final class HandoverReader {

    HandoverEvent read(String key, JsonTape tape, int body, EventHeader header, JsonPath path)
            throws WebhookParseException {
        return switch (key) {
            case "pass_thread_control" -> new HandoverEvent.PassThreadControl(header,
                    optionalId(tape, body, "previous_owner_app_id", path),
                    requiredId(tape, body, "new_owner_app_id", path), optionalText(tape, body, "metadata", path));
            case "take_thread_control" -> new HandoverEvent.TakeThreadControl(header,
                    optionalId(tape, body, "previous_owner_app_id", path),
                    requiredId(tape, body, "new_owner_app_id", path), optionalText(tape, body, "metadata", path));
            case "request_thread_control" -> new HandoverEvent.RequestThreadControl(header,
                    requiredId(tape, body, "requested_owner_app_id", path),
                    optionalText(tape, body, "metadata", path));
            case "app_roles" -> new HandoverEvent.AppRoles(header, roles(tape, body, path));
            default -> throw new IllegalArgumentException("not a handover key: " + key);
        };
    }

    /** {@code {"<app id>": ["primary_receiver", ...], ...}}. */
    private static Map<String, List<String>> roles(JsonTape tape, int body, JsonPath path)
            throws WebhookParseException {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        for (int field = tape.first(body); field != JsonTape.ABSENT; field = tape.next(body, field)) {
            JsonPath at = path.field(tape.name(field));
            if (!tape.is(field, Type.ARRAY)) {
                throw wrongType(at, "an array", tape, field);
            }
            List<String> names = new ArrayList<>(tape.size(field));
            int i = 0;
            for (int name = tape.first(field); name != JsonTape.ABSENT; name = tape.next(field, name), i++) {
                if (!tape.is(name, Type.STRING)) {
                    throw wrongType(at.index(i), "a string", tape, name);
                }
                names.add(tape.text(name));
            }
            roles.put(tape.name(field), names);
        }
        return roles;
    }
}
