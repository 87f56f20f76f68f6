package dev.baton.webhook;

import static dev.baton.webhook.EventWriter.writeOptional;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.baton.event.HandoverEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the {@code messaging_handovers} objects. App ids are written as JSON strings, as in most of Meta's
 * samples (the parser reads numbers too); {@code app_roles} keys are sorted so the output is stable.
 */
final class HandoverWriter {

    private HandoverWriter() {}

    static void write(JsonGenerator json, HandoverEvent handover) throws IOException {
        if (handover instanceof HandoverEvent.PassThreadControl pass) {
            writeOwnerChange(json, "pass_thread_control", pass.previousOwnerAppId(), pass.newOwnerAppId(),
                    pass.metadata());
        } else if (handover instanceof HandoverEvent.TakeThreadControl take) {
            writeOwnerChange(json, "take_thread_control", take.previousOwnerAppId(), take.newOwnerAppId(),
                    take.metadata());
        } else if (handover instanceof HandoverEvent.RequestThreadControl request) {
            json.writeObjectFieldStart("request_thread_control");
            writeOptional(json, "requested_owner_app_id", request.requestedOwnerAppId());
            writeOptional(json, "metadata", request.metadata());
            json.writeEndObject();
        } else if (handover instanceof HandoverEvent.AppRoles roles) {
            json.writeObjectFieldStart("app_roles");
            for (Map.Entry<String, List<String>> role : new TreeMap<>(roles.roles()).entrySet()) {
                json.writeArrayFieldStart(role.getKey());
                for (String name : role.getValue()) {
                    json.writeString(name);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
    }

    private static void writeOwnerChange(JsonGenerator json, String field, String previous, String next,
                                         String metadata) throws IOException {
        json.writeObjectFieldStart(field);
        // Meta writes null for a thread that was idle; keep the field so readers see that explicitly.
        json.writeFieldName("previous_owner_app_id");
        if (previous == null) {
            json.writeNull();
        } else {
            json.writeString(previous);
        }
        writeOptional(json, "new_owner_app_id", next);
        writeOptional(json, "metadata", metadata);
        json.writeEndObject();
    }
}
