package dev.baton.webhook;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.event.DeliveryEvent;
import dev.baton.event.EchoEvent;
import dev.baton.event.EventHeader;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEditEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.OptinEvent;
import dev.baton.event.PolicyEnforcementEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReactionEvent;
import dev.baton.event.ReadEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.UnknownEvent;
import dev.baton.event.UnsendEvent;
import dev.baton.event.UnsupportedMessageEvent;
import dev.baton.event.WebhookEvent;
import java.io.IOException;

/**
 * Writes one event object in Meta's shape: {@code sender}, {@code recipient}, {@code timestamp}, then the
 * kind's object. Echo and hop-context app ids are written as numbers (Meta's echo and lead-ad samples).
 */
final class EventWriter {

    private final ObjectMapper mapper;
    private final MessageWriter messages;

    EventWriter(ObjectMapper mapper) {
        this.mapper = mapper;
        this.messages = new MessageWriter(mapper);
    }

    void write(JsonGenerator json, WebhookEvent event) throws IOException {
        if (event instanceof UnknownEvent unknown) {
            JsonNode raw = tree(unknown.rawJson(), "UnknownEvent.rawJson");
            if (!raw.isObject()) {
                throw new IllegalArgumentException("UnknownEvent.rawJson is not a JSON object");
            }
            json.writeTree(raw);
            return;
        }
        json.writeStartObject();
        writeHeader(json, event.header());
        if (event instanceof MessageEvent message) {
            if (message.priorMessage() != null) {
                json.writeObjectFieldStart("prior_message");
                writeOptional(json, "source", message.priorMessage().source());
                writeOptional(json, "identifier", message.priorMessage().identifier());
                json.writeEndObject();
            }
            json.writeFieldName("message");
            messages.writeMessage(json, message.message(), null);
        } else if (event instanceof EchoEvent echo) {
            json.writeFieldName("message");
            messages.writeMessage(json, echo.message(), echo);
        } else if (event instanceof PostbackEvent postback) {
            json.writeObjectFieldStart("postback");
            writeOptional(json, "mid", postback.mid());
            writeOptional(json, "title", postback.title());
            writeOptional(json, "payload", postback.payload());
            messages.writeReferral(json, postback.referral());
            json.writeEndObject();
        } else if (event instanceof ReferralEvent referral) {
            messages.writeReferral(json, referral.referral());
        } else if (event instanceof HandoverEvent handover) {
            HandoverWriter.write(json, handover);
        } else if (event instanceof ReadEvent read) {
            json.writeObjectFieldStart("read");
            json.writeNumberField("watermark", read.watermark());
            json.writeEndObject();
        } else if (event instanceof DeliveryEvent delivery) {
            writeDelivery(json, delivery);
        } else if (event instanceof ReactionEvent reaction) {
            json.writeObjectFieldStart("reaction");
            writeOptional(json, "reaction", reaction.reaction());
            writeOptional(json, "emoji", reaction.emoji());
            writeOptional(json, "action", reaction.action());
            writeOptional(json, "mid", reaction.mid());
            json.writeEndObject();
        } else if (event instanceof OptinEvent optin) {
            writeOptin(json, optin);
        } else if (event instanceof MessageEditEvent edit) {
            json.writeObjectFieldStart("message_edit");
            writeOptional(json, "mid", edit.mid());
            writeOptional(json, "text", edit.text());
            if (edit.numEdit() != null) {
                json.writeNumberField("num_edit", edit.numEdit());
            }
            json.writeEndObject();
        } else if (event instanceof UnsendEvent unsend) {
            json.writeObjectFieldStart("message");
            writeOptional(json, "mid", unsend.mid());
            json.writeBooleanField("is_deleted", true);
            json.writeEndObject();
        } else if (event instanceof UnsupportedMessageEvent unsupported) {
            json.writeObjectFieldStart("message");
            writeOptional(json, "mid", unsupported.mid());
            json.writeBooleanField("is_unsupported", true);
            json.writeEndObject();
        } else if (event instanceof PolicyEnforcementEvent policy) {
            json.writeObjectFieldStart("policy_enforcement");
            writeOptional(json, "action", policy.action());
            writeOptional(json, "reason", policy.reason());
            json.writeEndObject();
        } else {
            throw new IllegalStateException("no writer for event kind " + event.kind());
        }
        json.writeEndObject();
    }

    private static void writeHeader(JsonGenerator json, EventHeader header) throws IOException {
        // A checkbox-plugin opt-in and Page-level events have no sender; the parser reads that as "".
        if (!header.senderId().isEmpty() || header.senderUserRef() != null) {
            json.writeObjectFieldStart("sender");
            writeOptional(json, "id", header.senderId().isEmpty() ? null : header.senderId());
            writeOptional(json, "user_ref", header.senderUserRef());
            json.writeEndObject();
        }
        json.writeObjectFieldStart("recipient");
        json.writeStringField("id", header.recipientId());
        json.writeEndObject();
        json.writeNumberField("timestamp", header.timestamp());
    }

    private static void writeDelivery(JsonGenerator json, DeliveryEvent delivery) throws IOException {
        json.writeObjectFieldStart("delivery");
        if (!delivery.mids().isEmpty()) {
            json.writeArrayFieldStart("mids");
            for (String mid : delivery.mids()) {
                json.writeString(mid);
            }
            json.writeEndArray();
        }
        json.writeNumberField("watermark", delivery.watermark());
        json.writeEndObject();
    }

    private void writeOptin(JsonGenerator json, OptinEvent optin) throws IOException {
        json.writeFieldName("optin");
        if (optin.optinJson() != null) {
            json.writeTree(tree(optin.optinJson(), "OptinEvent.optinJson"));
            return;
        }
        json.writeStartObject();
        writeOptional(json, "type", optin.type());
        writeOptional(json, "ref", optin.ref());
        writeOptional(json, "user_ref", optin.userRef());
        writeOptional(json, "payload", optin.payload());
        json.writeEndObject();
    }

    JsonNode tree(String rawJson, String what) {
        return MessageWriter.tree(mapper, rawJson, what);
    }

    static void writeOptional(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    /** Writes a decimal id as a JSON number when it is one that fits in a long, else as a string. */
    static void writeNumericId(JsonGenerator json, String field, String id) throws IOException {
        if (id == null) {
            return;
        }
        if (isLong(id)) {
            json.writeNumberField(field, Long.parseLong(id));
        } else {
            json.writeStringField(field, id);
        }
    }

    private static boolean isLong(String id) {
        if (id.isEmpty() || id.length() > 18 || (id.length() > 1 && id.charAt(0) == '0')) {
            return false; // 18 digits always fit; a leading zero would not survive as a number
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
