package dev.baton.send;

import java.util.List;

/**
 * The {@code message} object: exactly one of text (at most 2000 characters) and attachment, optional quick
 * replies (at most 13) and optional metadata (at most 1000 characters, echoed back to the apps in
 * {@code message_echoes}).
 */
public record OutgoingMessage(String text, OutgoingAttachment attachment, List<QuickReply> quickReplies,
        String metadata) {

    public OutgoingMessage {
        Limits.check((text == null) != (attachment == null), "message", "needs exactly one of text and attachment");
        if (text != null) {
            Limits.required("message.text", text, Limits.TEXT_MAX);
        }
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
        Limits.check(quickReplies.size() <= Limits.QUICK_REPLIES_MAX, "message.quick_replies",
                "at most " + Limits.QUICK_REPLIES_MAX + " quick replies, got " + quickReplies.size());
        Limits.atMost("message.metadata", metadata, Limits.METADATA_MAX);
    }

    public static OutgoingMessage text(String text) {
        return new OutgoingMessage(text, null, List.of(), null);
    }

    public OutgoingMessage withMetadata(String newMetadata) {
        return new OutgoingMessage(text, attachment, quickReplies, newMetadata);
    }

    /** True when this message counts against the slower audio/video rate limit. */
    public boolean slowRateMedia() {
        if (attachment instanceof OutgoingAttachment.Media media) {
            return media.type().slowRate();
        }
        return attachment instanceof OutgoingAttachment.TemplateAttachment template
                && template.template() instanceof Template.MediaTemplate mediaTemplate
                && mediaTemplate.mediaType().slowRate();
    }
}
