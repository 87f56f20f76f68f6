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
        LOCATION, OTHER;

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
