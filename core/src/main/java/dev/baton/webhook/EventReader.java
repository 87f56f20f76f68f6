package dev.baton.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.baton.event.Channel;
import dev.baton.event.EventHeader;
import dev.baton.event.MessageEvent;
import dev.baton.event.Platform;
import dev.baton.event.RawJson;
import dev.baton.event.UnknownEvent;
import dev.baton.event.WebhookEvent;
import java.io.IOException;
import java.util.List;

/**
 * Reads one element of {@code messaging[]} or {@code standby[]} into an event; never fails the batch. The
 * kind is the first of {@link #KINDS} present (whatever the order of the keys in the body); an element with
 * none of them, or whose fields do not fit the kind's record, becomes an {@link UnknownEvent} with the reason
 * and path. Every field is read where it stands and a problem is only held, not thrown, until the kind is
 * known: a broken value under a key the chosen kind does not read cannot make the event untyped.
 */
final class EventReader {

    /** The keys that name an event's kind, in the order they are looked for. */
    static final List<String> KINDS = List.of("message", "postback", "referral", "pass_thread_control",
            "take_thread_control", "request_thread_control", "app_roles", "read", "delivery", "reaction", "optin",
            "message_edit", "policy_enforcement", "policy-enforcement");

    /** A sender or recipient: {@code id}, and for a sender known by reference, {@code user_ref}. */
    record Party(String id, String userRef) {}

    private final Platform platform;
    private final EventBuilder builder;

    EventReader(Platform platform) {
        this.platform = platform;
        this.builder = new EventBuilder(platform);
    }

    /** The parser is on the element's first token; it is left on the element's last. */
    WebhookEvent read(JsonParser parser, Source source, String pageId, Channel channel, JsonPath path)
            throws IOException {
        int start = source.tokenStart(parser);
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            parser.finishToken();
            EventHeader header = new EventHeader(pageId, "", "", 0L, channel, null,
                    source.slice(start, source.position(parser)));
            return new UnknownEvent(header, UnknownEvent.Reason.NOT_AN_OBJECT, path.toString());
        }
        EventParts parts = new EventParts();
        int depth = parser.getParsingContext().getNestingDepth();
        for (String field = Tokens.nextField(parser); field != null; field = Tokens.nextField(parser)) {
            JsonPath at = path.field(field);
            try {
                readField(field, parser, source, parts, at);
            } catch (ShapeProblem problem) {
                // Held until the kind is known; the rest of this field's value is skipped.
                Tokens.skipRest(parser, depth + 1);
                parts.problem(field, problem);
            }
        }
        RawJson raw = source.slice(start, source.position(parser));
        return builder.build(parts, pageId, channel, raw, path);
    }

    private static void readField(String field, JsonParser parser, Source source, EventParts parts, JsonPath at)
            throws IOException {
        switch (field) {
            case "sender" -> parts.sender = party(parser, at);
            case "recipient" -> parts.recipient = party(parser, at);
            case "timestamp" -> parts.timestamp = Tokens.lenientNumber(parser, at);
            case "prior_message" -> parts.prior = priorMessage(parser, at);
            default -> {
                int kind = KINDS.indexOf(field);
                if (kind < 0 || parser.currentToken() == JsonToken.VALUE_NULL) {
                    parser.skipChildren(); // unknown keys are kept in the raw JSON only; null is absent
                } else if (!Tokens.object(parser, at)) {
                    throw ShapeProblem.wrongType(at);
                } else if (kind == 0) {
                    parts.kinds[kind] = MessageReader.message(parser, source, at);
                } else if (field.equals("referral")) {
                    parts.kinds[kind] = KindReader.referral(parser, at);
                } else {
                    parts.kinds[kind] = KindReader.read(field, parser, source, at);
                }
            }
        }
    }

    /** Absent, null or not an object: null. An object: its id (string or integer) and user_ref. */
    private static Party party(JsonParser parser, JsonPath path) throws IOException {
        if (!Tokens.object(parser, path)) {
            return null;
        }
        String id = null;
        String userRef = null;
        for (String field = Tokens.nextField(parser); field != null; field = Tokens.nextField(parser)) {
            switch (field) {
                case "id" -> id = Tokens.id(parser, path.field(field));
                case "user_ref" -> userRef = Tokens.text(parser, path.field(field));
                default -> parser.skipChildren();
            }
        }
        return new Party(id, userRef);
    }

    private static MessageEvent.PriorMessage priorMessage(JsonParser parser, JsonPath path) throws IOException {
        if (!Tokens.object(parser, path)) {
            return null;
        }
        String from = null;
        String identifier = null;
        for (String field = Tokens.nextField(parser); field != null; field = Tokens.nextField(parser)) {
            switch (field) {
                case "source" -> from = Tokens.text(parser, path.field(field));
                case "identifier" -> identifier = Tokens.id(parser, path.field(field));
                default -> parser.skipChildren();
            }
        }
        return new MessageEvent.PriorMessage(from, identifier);
    }

    Platform platform() {
        return platform;
    }
}
