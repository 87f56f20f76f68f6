package dev.baton.webhook;

import static dev.baton.webhook.JsonFields.optionalArray;
import static dev.baton.webhook.JsonFields.optionalBoolean;
import static dev.baton.webhook.JsonFields.optionalId;
import static dev.baton.webhook.JsonFields.optionalObject;
import static dev.baton.webhook.JsonFields.optionalText;
import static dev.baton.webhook.JsonFields.wrongType;

import dev.baton.event.Attachment;
import dev.baton.event.Message;
import dev.baton.event.Referral;
import dev.baton.webhook.JsonTape.Type;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code message} object (also an echo's) and the {@code referral} objects found in several events. */
final class MessageReader {

    private static final int ABSENT = JsonTape.ABSENT;

    private final RawJson rawJson;

    MessageReader(RawJson rawJson) {
        this.rawJson = rawJson;
    }

    Message message(JsonTape tape, int message, JsonPath path) throws WebhookParseException {
        int quickReply = optionalObject(tape, message, "quick_reply", path);
        int replyTo = optionalObject(tape, message, "reply_to", path);
        return new Message(
                optionalText(tape, message, "mid", path),
                optionalText(tape, message, "text", path),
                quickReply == ABSENT ? null : optionalText(tape, quickReply, "payload", path.field("quick_reply")),
                attachments(tape, message, path),
                replyTo == ABSENT ? null : replyTo(tape, replyTo, path.field("reply_to")),
                referral(tape, optionalObject(tape, message, "referral", path), path.field("referral")));
    }

    /** The referral object, or null when {@code referral} is {@link JsonTape#ABSENT} (absent or null). */
    Referral referral(JsonTape tape, int referral, JsonPath path) throws WebhookParseException {
        if (referral == ABSENT) {
            return null;
        }
        int ads = optionalObject(tape, referral, "ads_context_data", path);
        return new Referral(
                optionalText(tape, referral, "source", path),
                optionalText(tape, referral, "type", path),
                optionalText(tape, referral, "ref", path),
                optionalId(tape, referral, "ad_id", path),
                optionalText(tape, referral, "referer_uri", path),
                ads == ABSENT ? null : adsContext(tape, ads, path.field("ads_context_data")));
    }

    private static Referral.AdsContext adsContext(JsonTape tape, int ads, JsonPath path)
            throws WebhookParseException {
        return new Referral.AdsContext(
                optionalText(tape, ads, "ad_title", path),
                optionalText(tape, ads, "photo_url", path),
                optionalText(tape, ads, "video_url", path),
                optionalId(tape, ads, "post_id", path),
                optionalId(tape, ads, "product_id", path),
                optionalId(tape, ads, "flow_id", path));
    }

    private static Message.ReplyTo replyTo(JsonTape tape, int replyTo, JsonPath path)
            throws WebhookParseException {
        return new Message.ReplyTo(optionalText(tape, replyTo, "mid", path),
                optionalBoolean(tape, replyTo, "is_self_reply", path));
    }

    private List<Attachment> attachments(JsonTape tape, int message, JsonPath path) throws WebhookParseException {
        int array = optionalArray(tape, message, "attachments", path);
        if (array == ABSENT || tape.first(array) == ABSENT) {
            return List.of();
        }
        List<Attachment> attachments = new ArrayList<>(tape.size(array));
        int i = 0;
        for (int node = tape.first(array); node != ABSENT; node = tape.next(array, node), i++) {
            attachments.add(attachment(tape, node, path.field("attachments").index(i)));
        }
        return attachments;
    }

    /**
     * Most types carry {@code payload.url}; a fallback (shared link) has {@code title} and {@code url} beside
     * its payload; a sticker adds {@code payload.sticker_id}. The whole payload is kept as raw JSON.
     */
    private Attachment attachment(JsonTape tape, int node, JsonPath path) throws WebhookParseException {
        if (!tape.is(node, Type.OBJECT)) {
            throw wrongType(path, "an object", tape, node);
        }
        String type = optionalText(tape, node, "type", path);
        if (type == null) {
            throw JsonFields.missing(path.field("type"));
        }
        int payload = optionalObject(tape, node, "payload", path);
        JsonPath payloadPath = path.field("payload");
        String url = payload == ABSENT ? null : optionalText(tape, payload, "url", payloadPath);
        String title = optionalText(tape, node, "title", path);
        if (url == null) {
            url = optionalText(tape, node, "url", path);
        }
        if (title == null && payload != ABSENT) {
            title = optionalText(tape, payload, "title", payloadPath);
        }
        return new Attachment(type, Attachment.Kind.of(type), url, title,
                payload == ABSENT ? null : optionalId(tape, payload, "sticker_id", payloadPath),
                payload == ABSENT ? null : rawJson.of(tape, payload));
    }
}
