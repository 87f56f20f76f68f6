package dev.baton.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.baton.event.Channel;
import dev.baton.event.EventHeader;
import dev.baton.event.UnknownEvent;
import dev.baton.event.WebhookEntry;
import dev.baton.event.WebhookEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one {@code entry[]} element: its page {@code id}, {@code time}, {@code messaging[]} then
 * {@code standby[]} events and {@code hop_context[]}. Only the page id can take an entry's events down: without
 * a usable one they are kept as {@link UnknownEvent}s ({@code NO_PAGE}), since they belong to no known Page.
 * When the events come before the id in the body, their array is read again once the id is known, from its
 * bytes.
 */
final class EntryReader {

    private final JsonFactory factory;
    private final EventReader events;

    EntryReader(JsonFactory factory, EventReader events) {
        this.factory = factory;
        this.events = events;
    }

    /** The parser is on the entry's start object; it is left on its end. */
    WebhookEntry read(JsonParser parser, Source source, JsonPath path, List<WebhookRead.Skipped> skipped)
            throws IOException {
        String pageId = null;
        boolean idBroken = false;
        long time = 0L;
        List<WebhookEvent> messaging = null;
        List<WebhookEvent> standby = null;
        int[] messagingRange = null;
        int[] standbyRange = null;
        List<WebhookEntry.HopContext> hops = List.of();
        for (String field = Tokens.nextField(parser); field != null; field = Tokens.nextField(parser)) {
            JsonPath at = path.field(field);
            switch (field) {
                case "id" -> {
                    try {
                        pageId = Tokens.id(parser, at);
                    } catch (ShapeProblem problem) {
                        idBroken = true;
                    }
                }
                case "time" -> {
                    try {
                        Long value = Tokens.number(parser, at);
                        time = value == null ? 0L : value; // informational: events carry their own timestamp
                    } catch (ShapeProblem problem) {
                        time = 0L;
                    }
                }
                case "messaging", "standby" -> {
                    boolean owner = field.equals("messaging");
                    if (parser.currentToken() == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if (parser.currentToken() != JsonToken.START_ARRAY) {
                        parser.skipChildren();
                        skipped.add(new WebhookRead.Skipped(WebhookRead.Skipped.Kind.WRONG_TYPE, at.toString()));
                    } else if (pageId != null) {
                        List<WebhookEvent> read = array(parser, source, pageId, owner, at);
                        if (owner) {
                            messaging = read;
                        } else {
                            standby = read;
                        }
                    } else {
                        int[] range = {source.tokenStart(parser), 0};
                        parser.skipChildren();
                        range[1] = source.position(parser);
                        if (owner) {
                            messagingRange = range;
                        } else {
                            standbyRange = range;
                        }
                    }
                }
                case "hop_context" -> hops = hops(parser, at);
                case "changes" -> {
                    if (parser.currentToken() != JsonToken.VALUE_NULL) {
                        skipped.add(new WebhookRead.Skipped(WebhookRead.Skipped.Kind.CHANGES, at.toString()));
                    }
                    parser.skipChildren();
                }
                default -> parser.skipChildren();
            }
        }
        String page = pageId == null ? "" : pageId;
        if (messagingRange != null) {
            messaging = reread(source, messagingRange, page, true, path.field("messaging"));
        }
        if (standbyRange != null) {
            standby = reread(source, standbyRange, page, false, path.field("standby"));
        }
        List<WebhookEvent> all = new ArrayList<>(size(messaging) + size(standby));
        if (messaging != null) {
            all.addAll(messaging);
        }
        if (standby != null) {
            all.addAll(standby);
        }
        if (pageId == null && !all.isEmpty()) {
            String where = path.field("id").toString();
            UnknownEvent.Reason reason = idBroken ? UnknownEvent.Reason.WRONG_TYPE : UnknownEvent.Reason.NO_PAGE;
            all.replaceAll(event -> noPage(event.header(), reason, where));
        }
        return new WebhookEntry(page, time, all, hops);
    }

    private static UnknownEvent noPage(EventHeader header, UnknownEvent.Reason reason, String path) {
        return new UnknownEvent(header, reason, path);
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    private List<WebhookEvent> array(JsonParser parser, Source source, String pageId, boolean owner, JsonPath path)
            throws IOException {
        Channel channel = owner ? Channel.MESSAGING : Channel.STANDBY;
        List<WebhookEvent> read = new ArrayList<>(1);
        int i = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            read.add(events.read(parser, source, pageId, channel, path.index(i++)));
        }
        return read;
    }

    /** Reads an array skipped earlier, from its bytes (the body was already read whole, so it is valid JSON). */
    private List<WebhookEvent> reread(Source source, int[] range, String pageId, boolean owner, JsonPath path)
            throws IOException {
        try (JsonParser parser = factory.createParser(source.body(), range[0], range[1] - range[0])) {
            parser.nextToken();
            return array(parser, source.at(range[0]), pageId, owner, path);
        }
    }

    /** {@code hop_context[{app_id, metadata}]}; elements of another shape are left to the raw body. */
    private static List<WebhookEntry.HopContext> hops(JsonParser parser, JsonPath path) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return List.of();
        }
        List<WebhookEntry.HopContext> hops = new ArrayList<>(1);
        int i = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonPath at = path.index(i++);
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            int depth = parser.getParsingContext().getNestingDepth();
            String appId = null;
            String metadata = null;
            try {
                for (String field = Tokens.nextField(parser); field != null; field = Tokens.nextField(parser)) {
                    switch (field) {
                        case "app_id" -> appId = Tokens.id(parser, at.field(field));
                        case "metadata" -> metadata = Tokens.text(parser, at.field(field));
                        default -> parser.skipChildren();
                    }
                }
                hops.add(new WebhookEntry.HopContext(appId, metadata));
            } catch (ShapeProblem problem) {
                Tokens.skipRest(parser, depth);
            }
        }
        return hops;
    }
}
