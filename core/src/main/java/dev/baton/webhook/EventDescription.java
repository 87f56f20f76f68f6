package dev.baton.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.event.EventHeader;
import dev.baton.event.RawJson;
import dev.baton.event.UnknownEvent;
import dev.baton.event.WebhookEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * One event as a flat JSON object for people and tests: where it came from (entry index, channel), its kind,
 * conversation key and mid, and every typed field under {@code fields}. Built from the records' components by
 * reflection, so a field added to an event record shows up here without anyone remembering to add it; raw JSON
 * kept as text (a {@code ...Json} string component) is shown as the JSON value it holds. An untyped event has
 * its reason and path under {@code reason} ({@code MISSING_FIELD entry[0].messaging[2].sender}).
 *
 * <p>Used by the {@code inspect} command and by the webhook corpus tests (expected events are written in this
 * form). Not for the hot path.
 */
public final class EventDescription {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventDescription() {}

    /** The description of {@code event}, the {@code index}-th entry's event. */
    public static ObjectNode of(int entryIndex, WebhookEvent event) {
        ObjectNode out = NODES.objectNode();
        out.put("entry", entryIndex);
        out.put("channel", event.channel().name().toLowerCase(java.util.Locale.ROOT));
        out.put("kind", event.kind());
        out.put("conversation", event.conversation().toString());
        JsonNode fields = value(event);
        JsonNode mid = mid(fields);
        if (mid != null) {
            out.set("mid", mid);
        }
        if (event instanceof UnknownEvent unknown) {
            out.put("reason", unknown.untypedReason());
        }
        out.set("fields", fields);
        return out;
    }

    /** Like {@link #of}, with the event's exact JSON under {@code raw} (as a JSON value). */
    public static ObjectNode withRaw(int entryIndex, WebhookEvent event) {
        ObjectNode out = of(entryIndex, event);
        out.set("raw", json(event.raw().text()));
        return out;
    }

    private static JsonNode mid(JsonNode fields) {
        if (fields.hasNonNull("mid")) {
            return fields.get("mid");
        }
        JsonNode message = fields.get("message");
        return message != null && message.hasNonNull("mid") ? message.get("mid") : null;
    }

    private static JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Enum<?> constant) {
            return NODES.textNode(constant.name());
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(value(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), value(item)));
            return object;
        }
        if (value instanceof EventHeader header) {
            return header(header);
        }
        if (value.getClass().isRecord()) {
            return record(value);
        }
        return NODES.textNode(value.toString());
    }

    private static ObjectNode header(EventHeader header) {
        ObjectNode object = record(header);
        object.remove("channel"); // shown at the top level
        return object;
    }

    private static ObjectNode record(Object record) {
        ObjectNode object = NODES.objectNode();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object item;
            try {
                item = component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component.getName(), e);
            }
            String name = component.getName();
            if (item instanceof RawJson || record instanceof UnknownEvent && !name.equals("header")) {
                continue; // raw JSON on request only (withRaw); an untyped event's reason is shown at the top
            }
            if (item instanceof String text && name.endsWith("Json")) {
                object.set(name, json(text));
            } else {
                object.set(name, value(item));
            }
        }
        return object;
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            return NODES.textNode(text);
        }
    }
}
