package dev.baton.webhook;

import static dev.baton.webhook.TreeJsonFields.optionalArray;
import static dev.baton.webhook.TreeJsonFields.optionalId;
import static dev.baton.webhook.TreeJsonFields.optionalLong;
import static dev.baton.webhook.TreeJsonFields.optionalText;
import static dev.baton.webhook.TreeJsonFields.requiredId;
import static dev.baton.webhook.TreeJsonFields.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.event.Channel;
import dev.baton.event.Platform;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEntry;
import dev.baton.event.WebhookEvent;
import java.util.ArrayList;
import java.util.List;

/** Reads the envelope: {@code object}, then each {@code entry[]} with its messaging, standby and hop context. */
final class TreeBatchReader {

    private final TreeEventReader events;

    TreeBatchReader(TreeRawJson rawJson) {
        this.events = new TreeEventReader(rawJson);
    }

    WebhookBatch read(JsonNode root) throws WebhookParseException {
        JsonPath path = JsonPath.ROOT;
        String object = optionalText(root, "object", path);
        if (object == null) {
            throw TreeJsonFields.missing(path.field("object"));
        }
        Platform platform = platform(object);
        if (TreeJsonFields.isAbsent(root.get("entry"))) {
            throw TreeJsonFields.missing(path.field("entry"));
        }
        List<JsonNode> nodes = optionalArray(root, "entry", path);
        List<WebhookEntry> entries = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            entries.add(entry(nodes.get(i), platform, path.field("entry").index(i)));
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

    private WebhookEntry entry(JsonNode entry, Platform platform, JsonPath path) throws WebhookParseException {
        if (!entry.isObject()) {
            throw wrongType(path, "an object", entry);
        }
        String pageId = requiredId(entry, "id", path);
        // Meta always sends time; it is informational (events carry their own timestamp), so it may be absent.
        Long time = optionalLong(entry, "time", path);
        List<WebhookEvent> read = new ArrayList<>(1);
        addEvents(read, entry, "messaging", Channel.MESSAGING, pageId, platform, path);
        addEvents(read, entry, "standby", Channel.STANDBY, pageId, platform, path);
        return new WebhookEntry(pageId, time == null ? 0L : time, read, hopContext(entry, path));
    }

    private void addEvents(List<WebhookEvent> out, JsonNode entry, String field, Channel channel, String pageId,
                           Platform platform, JsonPath path) throws WebhookParseException {
        List<JsonNode> nodes = optionalArray(entry, field, path);
        for (int i = 0; i < nodes.size(); i++) {
            out.add(events.read(nodes.get(i), pageId, channel, platform, path.field(field).index(i)));
        }
    }

    private static List<WebhookEntry.HopContext> hopContext(JsonNode entry, JsonPath path)
            throws WebhookParseException {
        List<JsonNode> nodes = optionalArray(entry, "hop_context", path);
        if (nodes.isEmpty()) {
            return List.of();
        }
        List<WebhookEntry.HopContext> hops = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonPath at = path.field("hop_context").index(i);
            JsonNode hop = nodes.get(i);
            if (!hop.isObject()) {
                throw wrongType(at, "an object", hop);
            }
            hops.add(new WebhookEntry.HopContext(optionalId(hop, "app_id", at), optionalText(hop, "metadata", at)));
        }
        return hops;
    }

    /** Keeps control characters out of exception messages (and so out of log lines). */
    static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
