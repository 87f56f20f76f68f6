package dev.baton.send;

import java.util.List;

/**
 * One call of the Send API ({@code POST /{page-id}/messages}): every parameter of Meta's Page Messages
 * endpoint. Build it with {@link #text(String)}, {@link #builder()}, or as raw JSON with {@link #raw(String)}.
 *
 * <p>Every shape Meta would reject for its form is refused when the value is built (typed requests) or
 * before the call (raw JSON), with {@link dev.baton.graph.error.InvalidRequestException}: text over 2000
 * characters, metadata over 1000, both or neither of message and sender action, a tag without
 * {@code MESSAGE_TAG} or the reverse, a retired tag, both {@code thread_control} forms, thread control
 * without a message, a REACT/UNREACT without its payload.
 *
 * <p>A null {@code recipient} means "the person of the conversation this is sent in"; the conversation's
 * {@code Outbound} fills it in. Immutable and thread-safe.
 *
 * @param rawJson when not null, the whole request body as JSON and every other field but recipient is null
 */
public record SendRequest(
        Recipient recipient,
        MessagingType messagingType,
        OutgoingMessage message,
        SenderAction senderAction,
        Reaction senderActionPayload,
        NotificationType notificationType,
        MessageTag tag,
        String personaId,
        String replyToMessageId,
        SendThreadControl threadControl,
        String rawJson) {

    public SendRequest {
        if (rawJson != null) {
            Limits.check(messagingType == null && message == null && senderAction == null
                    && senderActionPayload == null && notificationType == null && tag == null && personaId == null
                    && replyToMessageId == null && threadControl == null, "raw",
                    "a raw JSON request carries every field itself (only the recipient may be added)");
            Limits.check(!rawJson.isBlank(), "raw", "is blank");
        } else {
            checkTyped(messagingType, message, senderAction, senderActionPayload, tag, personaId, replyToMessageId,
                    threadControl);
            if (message != null && messagingType == null) {
                messagingType = MessagingType.RESPONSE;
            }
        }
    }

    private static void checkTyped(MessagingType messagingType, OutgoingMessage message, SenderAction senderAction,
            Reaction senderActionPayload, MessageTag tag, String personaId, String replyToMessageId,
            SendThreadControl threadControl) {
        Limits.check((message == null) != (senderAction == null), "message",
                "a request carries exactly one of message and sender_action");
        if (senderAction != null) {
            Limits.check(senderAction.needsPayload() == (senderActionPayload != null), "payload",
                    senderAction.needsPayload() ? senderAction + " needs a payload (message_id, reaction)"
                            : senderAction + " takes no payload");
            Limits.check(senderAction != SenderAction.REACT || senderActionPayload.reaction() != null,
                    "payload.reaction", "REACT needs a reaction");
            Limits.check(tag == null && messagingType == null, "sender_action",
                    "a sender action takes no messaging_type or tag");
        } else {
            Limits.check(senderActionPayload == null, "payload", "a payload belongs to a REACT/UNREACT sender action");
        }
        Limits.check((tag != null) == (messagingType == MessagingType.MESSAGE_TAG), "tag",
                tag != null ? "a tag needs messaging_type MESSAGE_TAG" : "messaging_type MESSAGE_TAG needs a tag");
        Limits.check(tag == null || !tag.retired(), "tag",
                tag + " was retired by Meta on April 27, 2026 (Meta answers code 100); use HUMAN_AGENT or a "
                        + "utility message");
        Limits.check(threadControl == null || message != null, "thread_control",
                "rides on a message: Meta needs a message with thread_control");
        if (personaId != null) {
            Limits.numericId("persona_id", personaId);
        }
        if (replyToMessageId != null) {
            Limits.required("reply_to.mid", replyToMessageId, 256);
        }
    }

    /** A plain text reply (messaging_type RESPONSE) to the conversation's person. */
    public static SendRequest text(String text) {
        return builder().text(text).build();
    }

    /** A text with quick replies. */
    public static SendRequest quickReplies(String text, List<QuickReply> quickReplies) {
        return builder().text(text).quickReplies(quickReplies).build();
    }

    /** A template message. */
    public static SendRequest template(Template template) {
        return builder().template(template).build();
    }

    /** A sender action without payload (MARK_SEEN, TYPING_ON, TYPING_OFF). */
    public static SendRequest senderAction(SenderAction action) {
        return builder().senderAction(action).build();
    }

    /** A REACT sender action on the message {@code messageId}. */
    public static SendRequest react(String messageId, String reaction) {
        return builder().senderAction(SenderAction.REACT).senderActionPayload(new Reaction(messageId, reaction))
                .build();
    }

    /**
     * The escape hatch: the whole body as JSON (e.g. a template Baton has no type for). A missing
     * {@code recipient} is filled in with the conversation's person; the body is checked for the same shape
     * rules as typed requests before the call.
     */
    public static SendRequest raw(String json) {
        return new SendRequest(null, null, null, null, null, null, null, null, null, null, json);
    }

    public static SendRequestBuilder builder() {
        return new SendRequestBuilder();
    }

    /** The message text, or null for attachments, sender actions and raw requests. */
    public String text() {
        return message == null ? null : message.text();
    }

    public boolean isRaw() {
        return rawJson != null;
    }

    public SendRequest withRecipient(Recipient newRecipient) {
        return new SendRequest(newRecipient, messagingType, message, senderAction, senderActionPayload,
                notificationType, tag, personaId, replyToMessageId, threadControl, rawJson);
    }

    public SendRequest withThreadControl(SendThreadControl newThreadControl) {
        return new SendRequest(recipient, messagingType, message, senderAction, senderActionPayload,
                notificationType, tag, personaId, replyToMessageId, newThreadControl, rawJson);
    }

    /** A builder preset with this request's fields (not for raw requests). */
    public SendRequestBuilder toBuilder() {
        return new SendRequestBuilder(this);
    }
}
