package dev.baton.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.event.Channel;
import dev.baton.event.EventHeader;

/**
 * The header of an event of an unknown kind, read leniently: whatever {@code sender.id},
 * {@code recipient.id} and {@code timestamp} hold when they have the usual types, {@code ""} and 0 when
 * not. An unknown event must never fail a batch; its raw JSON keeps everything anyway.
 */
final class TreeUnknownHeader {

    private TreeUnknownHeader() {}

    static EventHeader of(JsonNode event, String pageId, Channel channel) {
        JsonNode timestamp = event.get("timestamp");
        long time = timestamp != null && timestamp.isIntegralNumber() && timestamp.canConvertToLong()
                ? timestamp.longValue() : 0L;
        return new EventHeader(pageId, id(event.get("sender")), id(event.get("recipient")), time, channel);
    }

    private static String id(JsonNode party) {
        JsonNode id = party == null ? null : party.get("id");
        if (id == null) {
            return "";
        }
        if (id.isTextual()) {
            return id.textValue();
        }
        return id.isIntegralNumber() ? id.bigIntegerValue().toString() : "";
    }
}
