package dev.baton.webhook;

import dev.baton.event.Channel;
import dev.baton.event.EventHeader;
import dev.baton.webhook.JsonTape.Type;

/**
 * The header of an event of an unknown kind, read leniently: whatever {@code sender.id},
 * {@code recipient.id} and {@code timestamp} hold when they have the usual types, {@code ""} and 0 when
 * not. An unknown event must never fail a batch; its raw JSON keeps everything anyway.
 */
final class UnknownHeader {

    private UnknownHeader() {}

    static EventHeader of(JsonTape tape, int event, String pageId, Channel channel) {
        int timestamp = tape.get(event, "timestamp");
        long time = timestamp != JsonTape.ABSENT && tape.isLong(timestamp) ? tape.longValue(timestamp) : 0L;
        return new EventHeader(pageId, id(tape, tape.get(event, "sender")), id(tape, tape.get(event, "recipient")),
                time, channel);
    }

    private static String id(JsonTape tape, int party) {
        // A tree's get() on a string or a number finds no member; neither does a scan of a leaf here.
        int id = party == JsonTape.ABSENT || !tape.is(party, Type.OBJECT) ? JsonTape.ABSENT : tape.get(party, "id");
        if (id == JsonTape.ABSENT) {
            return "";
        }
        if (tape.is(id, Type.STRING)) {
            return tape.text(id);
        }
        return tape.isIntegral(id) ? tape.integerText(id) : "";
    }
}
