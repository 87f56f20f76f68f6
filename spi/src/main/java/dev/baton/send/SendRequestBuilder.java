package dev.baton.send;

import java.util.ArrayList;
import java.util.List;

/** Builds a typed {@link SendRequest}; {@link #build()} applies every shape check. Not thread-safe. */
public final class SendRequestBuilder {

    private Recipient recipient;
    private MessagingType messagingType;
    private String text;
    private OutgoingAttachment attachment;
    private final List<QuickReply> quickReplies = new ArrayList<>();
    private String metadata;
    private SenderAction senderAction;
    private Reaction senderActionPayload;
    private NotificationType notificationType;
    private MessageTag tag;
    private String personaId;
    private String replyToMessageId;
    private SendThreadControl threadControl;

    SendRequestBuilder() {}

    SendRequestBuilder(SendRequest request) {
        Limits.check(!request.isRaw(), "raw", "a raw request has no builder");
        recipient = request.recipient();
        messagingType = request.messagingType();
        if (request.message() != null) {
            text = request.message().text();
            attachment = request.message().attachment();
            quickReplies.addAll(request.message().quickReplies());
            metadata = request.message().metadata();
        }
        senderAction = request.senderAction();
        senderActionPayload = request.senderActionPayload();
        notificationType = request.notificationType();
        tag = request.tag();
        personaId = request.personaId();
        replyToMessageId = request.replyToMessageId();
        threadControl = request.threadControl();
    }

    public SendRequestBuilder recipient(Recipient newRecipient) {
        this.recipient = newRecipient;
        return this;
    }

    public SendRequestBuilder messagingType(MessagingType type) {
        this.messagingType = type;
        return this;
    }

    public SendRequestBuilder text(String newText) {
        this.text = newText;
        return this;
    }

    public SendRequestBuilder attachment(OutgoingAttachment newAttachment) {
        this.attachment = newAttachment;
        return this;
    }

    public SendRequestBuilder template(Template template) {
        return attachment(new OutgoingAttachment.TemplateAttachment(template));
    }

    public SendRequestBuilder quickReply(QuickReply quickReply) {
        quickReplies.add(quickReply);
        return this;
    }

    public SendRequestBuilder quickReplies(List<QuickReply> more) {
        quickReplies.addAll(more);
        return this;
    }

    public SendRequestBuilder metadata(String newMetadata) {
        this.metadata = newMetadata;
        return this;
    }

    public SendRequestBuilder senderAction(SenderAction action) {
        this.senderAction = action;
        return this;
    }

    public SendRequestBuilder senderActionPayload(Reaction payload) {
        this.senderActionPayload = payload;
        return this;
    }

    public SendRequestBuilder notificationType(NotificationType type) {
        this.notificationType = type;
        return this;
    }

    /** Sets the tag and, when no messaging type was chosen, {@code MESSAGE_TAG}. */
    public SendRequestBuilder tag(MessageTag newTag) {
        this.tag = newTag;
        if (messagingType == null) {
            messagingType = MessagingType.MESSAGE_TAG;
        }
        return this;
    }

    public SendRequestBuilder personaId(String id) {
        this.personaId = id;
        return this;
    }

    public SendRequestBuilder replyTo(String messageId) {
        this.replyToMessageId = messageId;
        return this;
    }

    public SendRequestBuilder threadControl(SendThreadControl control) {
        this.threadControl = control;
        return this;
    }

    public SendRequest build() {
        OutgoingMessage message = text == null && attachment == null && quickReplies.isEmpty() && metadata == null
                ? null : new OutgoingMessage(text, attachment, quickReplies, metadata);
        return new SendRequest(recipient, messagingType, message, senderAction, senderActionPayload, notificationType,
                tag, personaId, replyToMessageId, threadControl, null);
    }
}
