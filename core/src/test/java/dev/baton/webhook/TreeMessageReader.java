package dev.baton.webhook;

import static dev.baton.webhook.TreeJsonFields.optionalArray;
import static dev.baton.webhook.TreeJsonFields.optionalBoolean;
import static dev.baton.webhook.TreeJsonFields.optionalId;
import static dev.baton.webhook.TreeJsonFields.optionalObject;
import static dev.baton.webhook.TreeJsonFields.optionalText;
import static dev.baton.webhook.TreeJsonFields.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.event.Attachment;
import dev.baton.event.Message;
import dev.baton.event.Referral;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code message} object (also an echo's) and the {@code referral} objects found in several events. */
final class TreeMessageReader {

    private final TreeRawJson rawJson;

    TreeMessageReader(TreeRawJson rawJson) {
        this.rawJson = rawJson;
    }

    Message message(JsonNode message, JsonPath path) throws WebhookParseException {
        JsonNode quickReply = optionalObject(message, "quick_reply", path);
        JsonNode replyTo = optionalObject(message, "reply_to", path);
        return new Message(
                optionalText(message, "mid", path),
                optionalText(message, "text", path),
                quickReply == null ? null : optionalText(quickReply, "payload", path.field("quick_reply")),
                attachments(message, path),
                replyTo == null ? null : replyTo(replyTo, path.field("reply_to")),
                referral(optionalObject(message, "referral", path), path.field("referral")));
    }

    /** The referral object, or null when {@code referral} is null (absent). */
    Referral referral(JsonNode referral, JsonPath path) throws WebhookParseException {
        if (referral == null) {
            return null;
        }
        JsonNode ads = optionalObject(referral, "ads_context_data", path);
        return new Referral(
                optionalText(referral, "source", path),
                optionalText(referral, "type", path),
                optionalText(referral, "ref", path),
                optionalId(referral, "ad_id", path),
                optionalText(referral, "referer_uri", path),
                ads == null ? null : adsContext(ads, path.field("ads_context_data")));
    }

    private static Referral.AdsContext adsContext(JsonNode ads, JsonPath path) throws WebhookParseException {
        return new Referral.AdsContext(
                optionalText(ads, "ad_title", path),
                optionalText(ads, "photo_url", path),
                optionalText(ads, "video_url", path),
                optionalId(ads, "post_id", path),
                optionalId(ads, "product_id", path),
                optionalId(ads, "flow_id", path));
    }

    private static Message.ReplyTo replyTo(JsonNode replyTo, JsonPath path) throws WebhookParseException {
        return new Message.ReplyTo(optionalText(replyTo, "mid", path), optionalBoolean(replyTo, "is_self_reply", path));
    }

    private List<Attachment> attachments(JsonNode message, JsonPath path) throws WebhookParseException {
        List<JsonNode> nodes = optionalArray(message, "attachments", path);
        if (nodes.isEmpty()) {
            return List.of();
        }
        List<Attachment> attachments = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            attachments.add(attachment(nodes.get(i), path.field("attachments").index(i)));
        }
        return attachments;
    }

    /**
     * Most types carry {@code payload.url}; a fallback (shared link) has {@code title} and {@code url} beside
     * its payload; a sticker adds {@code payload.sticker_id}. The whole payload is kept as raw JSON.
     */
    private Attachment attachment(JsonNode node, JsonPath path) throws WebhookParseException {
        if (!node.isObject()) {
            throw wrongType(path, "an object", node);
        }
        String type = TreeJsonFields.optionalText(node, "type", path);
        if (type == null) {
            throw TreeJsonFields.missing(path.field("type"));
        }
        JsonNode payload = optionalObject(node, "payload", path);
        JsonPath payloadPath = path.field("payload");
        String url = payload == null ? null : optionalText(payload, "url", payloadPath);
        String title = optionalText(node, "title", path);
        if (url == null) {
            url = optionalText(node, "url", path);
        }
        if (title == null && payload != null) {
            title = optionalText(payload, "title", payloadPath);
        }
        return new Attachment(type, Attachment.Kind.of(type), url, title,
                payload == null ? null : optionalId(payload, "sticker_id", payloadPath),
                payload == null ? null : rawJson.of(payload));
    }
}
