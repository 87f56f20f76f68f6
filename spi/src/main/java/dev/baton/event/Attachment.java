package dev.baton.event;

import static java.util.Objects.requireNonNull;

/**
 * One entry of {@code message.attachments[]}. {@code type} is Meta's string as sent (kept even when this
 * version does not know it); {@code kind} is its parsed form. {@code payloadJson} keeps the whole raw
 * {@code payload} object so that fields this record does not name are not lost.
 */
public record Attachment(String type, Kind kind, String url, String title, String stickerId, String payloadJson) {
    public Attachment {
        requireNonNull(type, "type is null");
        requireNonNull(kind, "kind is null");
    }

    public enum Kind {
        AUDIO, FILE, IMAGE, STICKER, VIDEO, FALLBACK, REEL, IG_REEL, POST, IG_POST, APPOINTMENT_BOOKING, TEMPLATE,
        LOCATION,
        /** Instagram: a shared post (legacy) or link; only the URL is given. */
        SHARE,
        /** Instagram: the person mentioned the account in their story; {@code url} is a CDN URL not to be stored. */
        STORY_MENTION,
        /** Instagram: a story or IG story share. */
        STORY, IG_STORY,
        /** Instagram: generic media. */
        MEDIA,
        /** Instagram: disappearing media, sent without a URL. */
        EPHEMERAL,
        OTHER;

        public static Kind of(String type) {
            for (Kind kind : values()) {
                if (kind != OTHER && kind.name().equalsIgnoreCase(type)) {
                    return kind;
                }
            }
            return OTHER;
        }
    }
}
