package dev.baton.webhook;

import static dev.baton.webhook.JsonFields.optionalArray;
import static dev.baton.webhook.JsonFields.optionalBoolean;
import static dev.baton.webhook.JsonFields.optionalLong;
import static dev.baton.webhook.JsonFields.optionalObject;
import static dev.baton.webhook.JsonFields.optionalText;
import static dev.baton.webhook.JsonFields.requiredLong;
import static dev.baton.webhook.JsonFields.requiredObject;
import static dev.baton.webhook.JsonFields.wrongType;

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
import dev.baton.webhook.JsonTape.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one element of {@code messaging[]} or {@code standby[]}. The kind is the first known key present
 * (message, postback, referral, the handover keys, read, delivery, reaction, optin); an element with none of
 * them becomes an {@link UnknownEvent} holding its whole JSON.
 */
final class EventReader {

    /** The keys that name an event's kind, in the order they are looked for. */
    private static final List<String> KINDS = List.of("message", "postback", "referral", "pass_thread_control",
            "take_thread_control", "request_thread_control", "app_roles", "read", "delivery", "reaction", "optin");

    private final RawJson rawJson;
    private final MessageReader messages;
    private final HandoverReader handovers = new HandoverReader();

    EventReader(RawJson rawJson) {
        this.rawJson = rawJson;
        this.messages = new MessageReader(rawJson);
    }

    WebhookEvent read(JsonTape tape, int event, String pageId, Channel channel, Platform platform, JsonPath path)
            throws WebhookParseException {
        if (!tape.is(event, Type.OBJECT)) {
            throw wrongType(path, "an object", tape, event);
        }
        String kind = firstKnownKind(tape, event);
        if (kind == null) {
            return new UnknownEvent(UnknownHeader.of(tape, event, pageId, channel), rawJson.of(tape, event));
        }
        int body = requiredObject(tape, event, kind, path);
        JsonPath at = path.field(kind);
        // Checkbox-plugin opt-ins come before the person has a PSID: no sender, only optin.user_ref.
        EventHeader header = header(tape, event, pageId, channel, path, !kind.equals("optin"));
        return switch (kind) {
            case "message" -> message(tape, event, body, header, at);
            case "postback" -> new PostbackEvent(header, optionalText(tape, body, "mid", at),
                    optionalText(tape, body, "title", at), optionalText(tape, body, "payload", at),
                    messages.referral(tape, optionalObject(tape, body, "referral", at), at.field("referral")));
            case "referral" -> new ReferralEvent(header, messages.referral(tape, body, at));
            case "read" -> new ReadEvent(header, watermark(tape, body, header, platform, at));
            case "delivery" -> delivery(tape, body, header, at);
            case "reaction" -> new ReactionEvent(header, optionalText(tape, body, "mid", at),
                    optionalText(tape, body, "action", at), optionalText(tape, body, "reaction", at),
                    optionalText(tape, body, "emoji", at));
            case "optin" -> new OptinEvent(header, optionalText(tape, body, "type", at),
                    optionalText(tape, body, "ref", at), optionalText(tape, body, "user_ref", at),
                    optionalText(tape, body, "payload", at), rawJson.of(tape, body));
            default -> handovers.read(kind, tape, body, header, at);
        };
    }

    /** The first of {@link #KINDS} present (and not null) in the event, or null for an unknown kind. */
    private static String firstKnownKind(JsonTape tape, int event) {
        for (String kind : KINDS) {
            if (!tape.isAbsent(tape.get(event, kind))) {
                return kind;
            }
        }
        return null;
    }

    /**
     * Instagram's messaging_seen names the message read ({@code {"mid"}}) and has no watermark: the read
     * happened at the event's time, so everything sent before then counts as read.
     */
    private static long watermark(JsonTape tape, int read, EventHeader header, Platform platform, JsonPath path)
            throws WebhookParseException {
        if (platform == Platform.INSTAGRAM) {
            Long watermark = optionalLong(tape, read, "watermark", path);
            return watermark == null ? header.timestamp() : watermark;
        }
        return requiredLong(tape, read, "watermark", path);
    }

    private WebhookEvent message(JsonTape tape, int event, int body, EventHeader header, JsonPath path)
            throws WebhookParseException {
        if (optionalBoolean(tape, body, "is_deleted", path)) {
            // An Instagram unsend: not a new message, so not handed to onMessage as an empty one.
            return new UnknownEvent(header, rawJson.of(tape, event));
        }
        Message message = messages.message(tape, body, path);
        if (optionalBoolean(tape, body, "is_echo", path)) {
            return new EchoEvent(header, message, JsonFields.optionalId(tape, body, "app_id", path),
                    optionalText(tape, body, "metadata", path));
        }
        return new MessageEvent(header, message);
    }

    private static DeliveryEvent delivery(JsonTape tape, int body, EventHeader header, JsonPath path)
            throws WebhookParseException {
        int array = optionalArray(tape, body, "mids", path);
        List<String> mids = new ArrayList<>(array == JsonTape.ABSENT ? 0 : tape.size(array));
        if (array != JsonTape.ABSENT) {
            int i = 0;
            for (int mid = tape.first(array); mid != JsonTape.ABSENT; mid = tape.next(array, mid), i++) {
                if (!tape.is(mid, Type.STRING)) {
                    throw wrongType(path.field("mids").index(i), "a string", tape, mid);
                }
                mids.add(tape.text(mid));
            }
        }
        return new DeliveryEvent(header, mids, requiredLong(tape, body, "watermark", path));
    }

    private static EventHeader header(JsonTape tape, int event, String pageId, Channel channel, JsonPath path,
                                      boolean senderRequired) throws WebhookParseException {
        int sender = senderRequired ? requiredObject(tape, event, "sender", path)
                : optionalObject(tape, event, "sender", path);
        int recipient = requiredObject(tape, event, "recipient", path);
        return new EventHeader(pageId,
                sender == JsonTape.ABSENT ? "" : JsonFields.requiredId(tape, sender, "id", path.field("sender")),
                JsonFields.requiredId(tape, recipient, "id", path.field("recipient")),
                requiredLong(tape, event, "timestamp", path), channel);
    }
}
