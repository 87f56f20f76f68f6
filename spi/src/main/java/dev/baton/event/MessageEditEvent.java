package dev.baton.event;

import static java.util.Objects.requireNonNull;

/**
 * A {@code message_edits} event: the person edited the message {@code mid}; {@code text} is its new text and
 * {@code numEdit} how many times it has been edited (Meta sends it as a number or a numeric string; null when
 * absent or not a number). Not a new message: it never reaches {@code onMessage}.
 */
public record MessageEditEvent(EventHeader header, String mid, String text, Integer numEdit) implements WebhookEvent {
    public MessageEditEvent {
        requireNonNull(header, "header is null");
    }

    @Override
    public String kind() {
        return "message_edit";
    }
}
