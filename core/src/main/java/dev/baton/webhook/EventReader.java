package dev.baton.webhook;

import static dev.baton.webhook.JsonFields.optionalArray;
import static dev.baton.webhook.JsonFields.optionalBoolean;
import static dev.baton.webhook.JsonFields.optionalLong;
import static dev.baton.webhook.JsonFields.optionalObject;
import static dev.baton.webhook.JsonFields.optionalText;
import static dev.baton.webhook.JsonFields.requiredLong;
import static dev.baton.webhook.JsonFields.requiredObject;
import static dev.baton.webhook.JsonFields.wrongType;

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
final class EventReader {

    private final RawJson rawJson;
    private final MessageReader messages;
    private final HandoverReader handovers = new HandoverReader();

    EventReader(RawJson rawJson) {
        this.rawJson = rawJson;
        this.messages = new MessageReader(rawJson);
    }

    WebhookEvent read(JsonNode event, String pageId, Channel channel, Platform platform, JsonPath path)
            throws WebhookParseException {
        if (!event.isObject()) {
            throw wrongType(path, "an object", event);
        }
        JsonNode body;
        if ((body = optionalObject(event, "message", path)) != null) {
            return message(event, body, header(event, pageId, channel, path, true), path.field("message"));
        }
        if ((body = optionalObject(event, "postback", path)) != null) {
            JsonPath at = path.field("postback");
            return new PostbackEvent(header(event, pageId, channel, path, true), optionalText(body, "mid", at),
                    optionalText(body, "title", at), optionalText(body, "payload", at),
                    messages.referral(optionalObject(body, "referral", at), at.field("referral")));
        }
        if ((body = optionalObject(event, "referral", path)) != null) {
            return new ReferralEvent(header(event, pageId, channel, path, true),
                    messages.referral(body, path.field("referral")));
        }
        for (String key : HandoverReader.KEYS) {
            if ((body = optionalObject(event, key, path)) != null) {
                return handovers.read(key, body, header(event, pageId, channel, path, true), path.field(key));
            }
        }
        if ((body = optionalObject(event, "read", path)) != null) {
            EventHeader header = header(event, pageId, channel, path, true);
            // Instagram's messaging_seen names the message read ({"mid"}) and has no watermark: the read
            // happened at the event's time, so everything sent before then counts as read.
            Long watermark = platform == Platform.INSTAGRAM ? optionalLong(body, "watermark", path.field("read"))
                    : Long.valueOf(requiredLong(body, "watermark", path.field("read")));
            return new ReadEvent(header, watermark == null ? header.timestamp() : watermark);
        }
        if ((body = optionalObject(event, "delivery", path)) != null) {
            return delivery(body, header(event, pageId, channel, path, true), path.field("delivery"));
        }
        if ((body = optionalObject(event, "reaction", path)) != null) {
            JsonPath at = path.field("reaction");
            return new ReactionEvent(header(event, pageId, channel, path, true), optionalText(body, "mid", at),
                    optionalText(body, "action", at), optionalText(body, "reaction", at),
                    optionalText(body, "emoji", at));
        }
        if ((body = optionalObject(event, "optin", path)) != null) {
            // Checkbox-plugin opt-ins come before the person has a PSID: no sender, only optin.user_ref.
            JsonPath at = path.field("optin");
            return new OptinEvent(header(event, pageId, channel, path, false), optionalText(body, "type", at),
                    optionalText(body, "ref", at), optionalText(body, "user_ref", at),
                    optionalText(body, "payload", at), rawJson.of(body));
        }
        return new UnknownEvent(UnknownHeader.of(event, pageId, channel), rawJson.of(event));
    }

    private WebhookEvent message(JsonNode event, JsonNode body, EventHeader header, JsonPath path)
            throws WebhookParseException {
        if (optionalBoolean(body, "is_deleted", path)) {
            // An Instagram unsend: not a new message, so not handed to onMessage as an empty one.
            return new UnknownEvent(header, rawJson.of(event));
        }
        Message message = messages.message(body, path);
        if (optionalBoolean(body, "is_echo", path)) {
            return new EchoEvent(header, message, JsonFields.optionalId(body, "app_id", path),
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
                sender == null ? "" : JsonFields.requiredId(sender, "id", path.field("sender")),
                JsonFields.requiredId(recipient, "id", path.field("recipient")),
                requiredLong(event, "timestamp", path), channel);
    }
}
