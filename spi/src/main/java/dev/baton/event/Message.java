package dev.baton.event;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The {@code message} object of a {@code messages} or echo event. Absent fields are {@code null}
 * (text, quick-reply payload, reply-to, referral); {@code attachments} is empty when there are none.
 */
public record Message(
        String mid,
        String text,
        String quickReplyPayload,
        List<Attachment> attachments,
        ReplyTo replyTo,
        Referral referral) {
    public Message {
        attachments = List.copyOf(requireNonNull(attachments, "attachments is null"));
    }

    public static Message text(String mid, String text) {
        return new Message(mid, text, null, List.of(), null, null);
    }

    /**
     * {@code reply_to}: the message this one answers ({@code mid}), or on Instagram the story it answers
     * ({@code story}, a story reply; {@code mid} is then null).
     */
    public record ReplyTo(String mid, boolean selfReply, Story story) {
        public ReplyTo(String mid, boolean selfReply) {
            this(mid, selfReply, null);
        }

        /** True for an Instagram story reply. */
        public boolean isStoryReply() {
            return story != null;
        }
    }

    /** {@code reply_to.story}: the story answered; {@code url} is a CDN URL that expires, not to be stored. */
    public record Story(String id, String url) {}
}
