package dev.baton.send;

import static java.util.Objects.requireNonNull;

/**
 * One entry of {@code message.quick_replies} (at most 13). A TEXT quick reply has a title (at most 20
 * characters) and a payload (at most 1000); the phone and email kinds ask Meta to offer the person's own.
 */
public record QuickReply(ContentType contentType, String title, String payload, String imageUrl) {

    public enum ContentType {
        TEXT,
        USER_PHONE_NUMBER,
        USER_EMAIL
    }

    public QuickReply {
        requireNonNull(contentType, "contentType is null");
        if (contentType == ContentType.TEXT) {
            Limits.required("quick_replies.title", title, Limits.QUICK_REPLY_TITLE_MAX);
            Limits.required("quick_replies.payload", payload, Limits.PAYLOAD_MAX);
        } else {
            Limits.check(title == null && payload == null && imageUrl == null, "quick_replies",
                    contentType + " quick replies take no title, payload or image");
        }
    }

    public static QuickReply text(String title, String payload) {
        return new QuickReply(ContentType.TEXT, title, payload, null);
    }

    public static QuickReply userPhoneNumber() {
        return new QuickReply(ContentType.USER_PHONE_NUMBER, null, null, null);
    }

    public static QuickReply userEmail() {
        return new QuickReply(ContentType.USER_EMAIL, null, null, null);
    }
}
