package dev.baton.webhook;

import static dev.baton.webhook.EventWriter.writeNumericId;
import static dev.baton.webhook.EventWriter.writeOptional;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.event.Attachment;
import dev.baton.event.EchoEvent;
import dev.baton.event.Message;
import dev.baton.event.Referral;
import java.io.IOException;

/** Writes {@code message} objects (plain and echo), their attachments, and referral objects. */
final class MessageWriter {

    private final ObjectMapper mapper;

    MessageWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The message object; for an echo, {@code is_echo}, {@code app_id} and {@code metadata} come first. */
    void writeMessage(JsonGenerator json, Message message, EchoEvent echo) throws IOException {
        json.writeStartObject();
        if (echo != null) {
            json.writeBooleanField("is_echo", true);
            writeNumericId(json, "app_id", echo.appId());
            writeOptional(json, "metadata", echo.metadata());
        }
        writeOptional(json, "mid", message.mid());
        writeOptional(json, "text", message.text());
        if (message.quickReplyPayload() != null) {
            json.writeObjectFieldStart("quick_reply");
            json.writeStringField("payload", message.quickReplyPayload());
            json.writeEndObject();
        }
        if (!message.attachments().isEmpty()) {
            json.writeArrayFieldStart("attachments");
            for (Attachment attachment : message.attachments()) {
                writeAttachment(json, attachment);
            }
            json.writeEndArray();
        }
        if (message.replyTo() != null) {
            json.writeObjectFieldStart("reply_to");
            writeOptional(json, "mid", message.replyTo().mid());
            if (message.replyTo().selfReply()) {
                json.writeBooleanField("is_self_reply", true);
            }
            if (message.replyTo().story() != null) {
                json.writeObjectFieldStart("story");
                writeOptional(json, "url", message.replyTo().story().url());
                writeOptional(json, "id", message.replyTo().story().id());
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        writeReferral(json, message.referral());
        json.writeEndObject();
    }

    /**
     * The kept payload is written as it came; {@code title} and {@code url} beside it only where the payload
     * does not already hold them (fallbacks carry them there). Without a kept payload, a fallback gets them
     * beside it and any other type gets a payload built from {@code url} and {@code sticker_id}.
     */
    private void writeAttachment(JsonGenerator json, Attachment attachment) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", attachment.type());
        JsonNode payload = attachment.payloadJson() == null ? null
                : tree(mapper, attachment.payloadJson(), "Attachment.payloadJson");
        if (attachment.title() != null && !holds(payload, "title", attachment.title())) {
            json.writeStringField("title", attachment.title());
        }
        boolean urlBeside = payload != null || attachment.kind() == Attachment.Kind.FALLBACK;
        if (attachment.url() != null && urlBeside && !holds(payload, "url", attachment.url())) {
            json.writeStringField("url", attachment.url());
        }
        if (payload != null) {
            json.writeFieldName("payload");
            json.writeTree(payload);
        } else if (!urlBeside && (attachment.url() != null || attachment.stickerId() != null)) {
            json.writeObjectFieldStart("payload");
            writeOptional(json, "url", attachment.url());
            writeNumericId(json, "sticker_id", attachment.stickerId());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    void writeReferral(JsonGenerator json, Referral referral) throws IOException {
        if (referral == null) {
            return;
        }
        json.writeObjectFieldStart("referral");
        writeOptional(json, "ref", referral.ref());
        writeOptional(json, "ad_id", referral.adId());
        writeOptional(json, "referer_uri", referral.refererUri());
        writeOptional(json, "source", referral.source());
        writeOptional(json, "type", referral.type());
        Referral.AdsContext ads = referral.adsContext();
        if (ads != null) {
            json.writeObjectFieldStart("ads_context_data");
            writeOptional(json, "ad_title", ads.adTitle());
            writeOptional(json, "photo_url", ads.photoUrl());
            writeOptional(json, "video_url", ads.videoUrl());
            writeOptional(json, "post_id", ads.postId());
            writeOptional(json, "product_id", ads.productId());
            writeOptional(json, "flow_id", ads.flowId());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static boolean holds(JsonNode payload, String field, String value) {
        JsonNode held = payload == null ? null : payload.get(field);
        return held != null && held.isTextual() && held.textValue().equals(value);
    }

    /** Reads kept raw JSON back into a tree; {@code what} names the record field for the error, never the content. */
    static JsonNode tree(ObjectMapper mapper, String rawJson, String what) {
        try {
            JsonNode node = mapper.readTree(rawJson);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON", null);
        }
    }
}
