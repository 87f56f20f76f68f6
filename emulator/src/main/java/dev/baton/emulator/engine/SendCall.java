package dev.baton.emulator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.event.Attachment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Send API call ({@code POST /{page-id}/messages}) checked for shape: exactly one of {@code message} and
 * {@code sender_action}, a known {@code messaging_type}, a live tag, text within 2000 characters, metadata
 * within 1000, and at most one form of {@code thread_control}. Anything else is code 100. {@code sender_action}
 * is read case-insensitively; {@code persona_id} and uploaded {@code attachment_id}s are checked against the
 * Page by {@link SendRules}.
 */
record SendCall(String recipientId, String messagingType, String tag, String text, List<Attachment> attachments,
                String metadata, String senderAction, ThreadControlField threadControl, String personaId,
                String messageJson) {

    private static final Set<String> MESSAGING_TYPES = Set.of("RESPONSE", "UPDATE", "MESSAGE_TAG", "UTILITY");
    private static final Set<String> SENDER_ACTIONS = Set.of("MARK_SEEN", "TYPING_ON", "TYPING_OFF", "REACT", "UNREACT");
    /** Retired on April 27th, 2026: Meta answers code 100. */
    private static final Set<String> RETIRED_TAGS = Set.of("CONFIRMED_EVENT_UPDATE", "ACCOUNT_UPDATE", "POST_PURCHASE_UPDATE");

    boolean humanAgent() {
        return "HUMAN_AGENT".equals(tag);
    }

    boolean hasMessage() {
        return senderAction == null;
    }

    static SendCall parse(JsonNode params) {
        JsonNode recipient = params.path("recipient");
        String recipientId = recipient.path("id").isValueNode() ? recipient.path("id").asText() : null;
        if (recipientId == null || recipientId.isBlank()) {
            throw GraphError.invalidParameter("param recipient must be an object with an id").exception();
        }
        JsonNode message = params.get("message");
        // Meta's Sender Actions guide and every client write them in lowercase (typing_on), the reference in
        // uppercase: Meta takes both, so the emulator does too, and keeps the uppercase name.
        String senderAction = text(params, "sender_action");
        if (senderAction != null) {
            senderAction = senderAction.toUpperCase(Locale.ROOT);
        }
        if ((message == null) == (senderAction == null)) {
            throw GraphError.invalidParameter("Exactly one of message and sender_action must be set").exception();
        }
        if (senderAction != null && !SENDER_ACTIONS.contains(senderAction)) {
            throw GraphError.invalidParameter("param sender_action must be one of " + SENDER_ACTIONS).exception();
        }
        String messagingType = text(params, "messaging_type");
        String tag = text(params, "tag");
        if (message != null) {
            if (messagingType == null || !MESSAGING_TYPES.contains(messagingType)) {
                throw GraphError.invalidParameter("param messaging_type must be one of " + MESSAGING_TYPES).exception();
            }
            checkTag(messagingType, tag);
        }
        ThreadControlField threadControl = ThreadControlField.parse(params.get("thread_control"));
        String personaId = text(params, "persona_id");
        if (personaId != null && personaId.isBlank()) {
            personaId = null;
        }
        if (message == null) {
            return new SendCall(recipientId, messagingType, tag, null, List.of(), null, senderAction, threadControl,
                    personaId, null);
        }
        if (!message.isObject()) {
            throw GraphError.invalidParameter("param message must be an object").exception();
        }
        String text = text(message, "text");
        List<Attachment> attachments = attachments(message);
        if (text == null && attachments.isEmpty()) {
            throw GraphError.invalidParameter("param message must have text or an attachment").exception();
        }
        if (text != null && text.codePointCount(0, text.length()) > 2000) {
            throw GraphError.invalidParameter("param message[text] must be UTF-8 encoded with 2000 or fewer characters").exception();
        }
        String metadata = text(message, "metadata");
        if (metadata != null && metadata.length() > 1000) {
            throw GraphError.invalidParameter("param message[metadata] must have 1000 or fewer characters").exception();
        }
        // The whole message is kept (quick replies, templates) so the console can draw what the person would see.
        return new SendCall(recipientId, messagingType, tag, text, attachments, metadata, null, threadControl, personaId,
                message.toString());
    }

    private static void checkTag(String messagingType, String tag) {
        if ("MESSAGE_TAG".equals(messagingType) && tag == null) {
            throw GraphError.invalidParameter("param tag is required when messaging_type is MESSAGE_TAG").exception();
        }
        if (tag == null) {
            return;
        }
        if (RETIRED_TAGS.contains(tag)) {
            throw GraphError.invalidParameter("The message tag " + tag + " is no longer supported").exception();
        }
        if (!"HUMAN_AGENT".equals(tag)) {
            throw GraphError.invalidParameter("param tag must be a valid message tag").exception();
        }
    }

    private static List<Attachment> attachments(JsonNode message) {
        List<Attachment> attachments = new ArrayList<>();
        JsonNode single = message.get("attachment");
        JsonNode many = message.get("attachments");
        List<JsonNode> nodes = new ArrayList<>();
        if (single != null) {
            nodes.add(single);
        }
        if (many != null && many.isArray()) {
            many.forEach(nodes::add);
        }
        for (JsonNode node : nodes) {
            String type = text(node, "type");
            if (type == null) {
                throw GraphError.invalidParameter("param message[attachment][type] is required").exception();
            }
            JsonNode payload = node.path("payload");
            attachments.add(new Attachment(type, Attachment.Kind.of(type), text(payload, "url"), null, null,
                    payload.isMissingNode() ? null : payload.toString()));
        }
        return attachments;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }
}
