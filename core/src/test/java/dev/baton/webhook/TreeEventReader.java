package dev.baton.webhook;

import static dev.baton.webhook.TreeJsonFields.optionalArray;
import static dev.baton.webhook.TreeJsonFields.optionalBoolean;
import static dev.baton.webhook.TreeJsonFields.optionalLong;
import static dev.baton.webhook.TreeJsonFields.optionalObject;
import static dev.baton.webhook.TreeJsonFields.optionalText;
import static dev.baton.webhook.TreeJsonFields.requiredLong;
import static dev.baton.webhook.TreeJsonFields.requiredObject;
import static dev.baton.webhook.TreeJsonFields.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.event.Channel;
import dev.baton.event.DeliveryEvent;
import dev.baton.event.EchoEvent;
import dev.baton.event.EventHeader;
import dev.baton.event.Message;
import dev.baton.event.MessageEvent;
import dev.baton.event.OptinEvent;
import dev.baton.event.Platform;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReactionEvent;
import dev.baton.event.ReadEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.UnknownEvent;
import dev.baton.event.WebhookEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one element of {@code messaging[]} or {@code standby[]}. The kind is the first known key present
 * (message, postback, referral, the handover keys, read, delivery, reaction, optin); an element with none of
 * them becomes an {@link UnknownEvent} holding its whole JSON.
 */
final class TreeEventReader {

    /** The keys that name an event's kind, in the order they are looked for. */
    private static final List<String> KINDS = List.of("message", "postback", "referral", "pass_thread_control",
            "take_thread_control", "request_thread_control", "app_roles", "read", "delivery", "reaction", "optin");

    private final TreeRawJson rawJson;
    private final TreeMessageReader messages;
    private final TreeHandoverReader handovers = new TreeHandoverReader();

    TreeEventReader(TreeRawJson rawJson) {
        this.rawJson = rawJson;
        this.messages = new TreeMessageReader(rawJson);
    }

    WebhookEvent read(JsonNode event, String pageId, Channel channel, Platform platform, JsonPath path)
            throws WebhookParseException {
        if (!event.isObject()) {
            throw wrongType(path, "an object", event);
        }
        String kind = firstKnownKind(event);
        if (kind == null) {
            return new UnknownEvent(TreeUnknownHeader.of(event, pageId, channel), rawJson.of(event));
        }
        JsonNode body = requiredObject(event, kind, path);
        JsonPath at = path.field(kind);
        // Checkbox-plugin opt-ins come before the person has a PSID: no sender, only optin.user_ref.
        EventHeader header = header(event, pageId, channel, path, !kind.equals("optin"));
        return switch (kind) {
            case "message" -> message(event, body, header, at);
            case "postback" -> new PostbackEvent(header, optionalText(body, "mid", at),
                    optionalText(body, "title", at), optionalText(body, "payload", at),
                    messages.referral(optionalObject(body, "referral", at), at.field("referral")));
            case "referral" -> new ReferralEvent(header, messages.referral(body, at));
            case "read" -> new ReadEvent(header, watermark(body, header, platform, at));
            case "delivery" -> delivery(body, header, at);
            case "reaction" -> new ReactionEvent(header, optionalText(body, "mid", at),
                    optionalText(body, "action", at), optionalText(body, "reaction", at),
                    optionalText(body, "emoji", at));
            case "optin" -> new OptinEvent(header, optionalText(body, "type", at), optionalText(body, "ref", at),
                    optionalText(body, "user_ref", at), optionalText(body, "payload", at), rawJson.of(body));
            default -> handovers.read(kind, body, header, at);
        };
    }

    /** The first of {@link #KINDS} present (and not null) in the event, or null for an unknown kind. */
    private static String firstKnownKind(JsonNode event) {
        for (String kind : KINDS) {
            if (!TreeJsonFields.isAbsent(event.get(kind))) {
                return kind;
            }
        }
        return null;
    }

    /**
     * Instagram's messaging_seen names the message read ({@code {"mid"}}) and has no watermark: the read
     * happened at the event's time, so everything sent before then counts as read.
     */
    private static long watermark(JsonNode read, EventHeader header, Platform platform, JsonPath path)
            throws WebhookParseException {
        if (platform == Platform.INSTAGRAM) {
            Long watermark = optionalLong(read, "watermark", path);
            return watermark == null ? header.timestamp() : watermark;
        }
        return requiredLong(read, "watermark", path);
    }

    private WebhookEvent message(JsonNode event, JsonNode body, EventHeader header, JsonPath path)
            throws WebhookParseException {
        if (optionalBoolean(body, "is_deleted", path)) {
            // An Instagram unsend: not a new message, so not handed to onMessage as an empty one.
            return new UnknownEvent(header, rawJson.of(event));
        }
        Message message = messages.message(body, path);
        if (optionalBoolean(body, "is_echo", path)) {
            return new EchoEvent(header, message, TreeJsonFields.optionalId(body, "app_id", path),
                    optionalText(body, "metadata", path));
        }
        return new MessageEvent(header, message);
    }

    private static DeliveryEvent delivery(JsonNode body, EventHeader header, JsonPath path)
            throws WebhookParseException {
        List<JsonNode> nodes = optionalArray(body, "mids", path);
        List<String> mids = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode mid = nodes.get(i);
            if (!mid.isTextual()) {
                throw wrongType(path.field("mids").index(i), "a string", mid);
            }
            mids.add(mid.textValue());
        }
        return new DeliveryEvent(header, mids, requiredLong(body, "watermark", path));
    }

    private static EventHeader header(JsonNode event, String pageId, Channel channel, JsonPath path,
                                      boolean senderRequired) throws WebhookParseException {
        JsonNode sender = senderRequired ? requiredObject(event, "sender", path) : optionalObject(event, "sender", path);
        JsonNode recipient = requiredObject(event, "recipient", path);
        return new EventHeader(pageId,
                sender == null ? "" : TreeJsonFields.requiredId(sender, "id", path.field("sender")),
                TreeJsonFields.requiredId(recipient, "id", path.field("recipient")),
                requiredLong(event, "timestamp", path), channel);
    }
}
