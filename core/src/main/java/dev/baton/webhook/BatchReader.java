package dev.baton.webhook;

import static dev.baton.webhook.JsonFields.optionalArray;
import static dev.baton.webhook.JsonFields.optionalId;
import static dev.baton.webhook.JsonFields.optionalLong;
import static dev.baton.webhook.JsonFields.optionalText;
import static dev.baton.webhook.JsonFields.requiredId;
import static dev.baton.webhook.JsonFields.wrongType;

import dev.baton.event.Channel;
import dev.baton.event.Platform;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEntry;
import dev.baton.event.WebhookEvent;
import dev.baton.webhook.JsonTape.Type;
import java.util.ArrayList;
import java.util.List;

/** Reads the envelope: {@code object}, then each {@code entry[]} with its messaging, standby and hop context. */
final class BatchReader {

    private static final int ROOT = 0;

    private final EventReader events;

    BatchReader(RawJson rawJson) {
        this.events = new EventReader(rawJson);
    }

    WebhookBatch read(JsonTape tape) throws WebhookParseException {
        JsonPath path = JsonPath.ROOT;
        String object = optionalText(tape, ROOT, "object", path);
        if (object == null) {
            throw JsonFields.missing(path.field("object"));
        }
        Platform platform = platform(object);
        if (tape.isAbsent(tape.get(ROOT, "entry"))) {
            throw JsonFields.missing(path.field("entry"));
        }
        int array = optionalArray(tape, ROOT, "entry", path);
        List<WebhookEntry> entries = new ArrayList<>(tape.size(array));
        JsonPath at = path.field("entry");
        int i = 0;
        for (int entry = tape.first(array); entry != JsonTape.ABSENT; entry = tape.next(array, entry), i++) {
            entries.add(entry(tape, entry, platform, at.index(i)));
        }
        return new WebhookBatch(platform, entries);
    }

    private static Platform platform(String object) throws WebhookParseException {
        for (Platform platform : Platform.values()) {
            if (platform.objectName().equals(object)) {
                return platform;
            }
        }
        String shown = object.length() <= 40 ? object : object.substring(0, 40) + "...";
        throw new WebhookParseException(WebhookParseException.Reason.UNKNOWN_OBJECT, "object",
                "expected \"page\" or \"instagram\" but found \"" + printable(shown) + "\"");
    }

    private WebhookEntry entry(JsonTape tape, int entry, Platform platform, JsonPath path)
            throws WebhookParseException {
        if (!tape.is(entry, Type.OBJECT)) {
            throw wrongType(path, "an object", tape, entry);
        }
        String pageId = requiredId(tape, entry, "id", path);
        // Meta always sends time; it is informational (events carry their own timestamp), so it may be absent.
        Long time = optionalLong(tape, entry, "time", path);
        List<WebhookEvent> read = new ArrayList<>(1);
        addEvents(read, tape, entry, "messaging", Channel.MESSAGING, pageId, platform, path);
        addEvents(read, tape, entry, "standby", Channel.STANDBY, pageId, platform, path);
        return new WebhookEntry(pageId, time == null ? 0L : time, read, hopContext(tape, entry, path));
    }

    private void addEvents(List<WebhookEvent> out, JsonTape tape, int entry, String field, Channel channel,
                           String pageId, Platform platform, JsonPath path) throws WebhookParseException {
        int array = optionalArray(tape, entry, field, path);
        if (array == JsonTape.ABSENT) {
            return;
        }
        JsonPath at = path.field(field);
        int i = 0;
        for (int event = tape.first(array); event != JsonTape.ABSENT; event = tape.next(array, event), i++) {
            out.add(events.read(tape, event, pageId, channel, platform, at.index(i)));
        }
    }

    private static List<WebhookEntry.HopContext> hopContext(JsonTape tape, int entry, JsonPath path)
            throws WebhookParseException {
        int array = optionalArray(tape, entry, "hop_context", path);
        if (array == JsonTape.ABSENT || tape.first(array) == JsonTape.ABSENT) {
            return List.of();
        }
        List<WebhookEntry.HopContext> hops = new ArrayList<>(tape.size(array));
        int i = 0;
        for (int hop = tape.first(array); hop != JsonTape.ABSENT; hop = tape.next(array, hop), i++) {
            JsonPath at = path.field("hop_context").index(i);
            if (!tape.is(hop, Type.OBJECT)) {
                throw wrongType(at, "an object", tape, hop);
            }
            hops.add(new WebhookEntry.HopContext(optionalId(tape, hop, "app_id", at),
                    optionalText(tape, hop, "metadata", at)));
        }
        return hops;
    }

    /** Keeps control characters out of exception messages (and so out of log lines). */
    static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
