package dev.baton.event;

import static java.util.Objects.requireNonNull;

/** A {@code messages} event: the person wrote, tapped a quick reply or sent attachments. */
public record MessageEvent(EventHeader header, Message message) implements WebhookEvent {
    public MessageEvent {
        requireNonNull(header, "header is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String kind() {
        return "message";
    }
}
