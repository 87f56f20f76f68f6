package dev.baton.event;

import static java.util.Objects.requireNonNull;

/**
 * A {@code messages} event: the person wrote, tapped a quick reply or sent attachments. {@code priorMessage}
 * is the event-level {@code prior_message} (the person answers a message sent through a plugin, named by
 * {@code source} and {@code identifier}, a {@code user_ref}); null when absent. Unsends
 * ({@code is_deleted}) and {@code is_unsupported} messages are other kinds: {@link UnsendEvent},
 * {@link UnsupportedMessageEvent}.
 */
public record MessageEvent(EventHeader header, Message message, PriorMessage priorMessage) implements WebhookEvent {
    public MessageEvent {
        requireNonNull(header, "header is null");
        requireNonNull(message, "message is null");
    }

    public MessageEvent(EventHeader header, Message message) {
        this(header, message, null);
    }

    /** {@code prior_message{source, identifier}}. */
    public record PriorMessage(String source, String identifier) {}

    @Override
    public String kind() {
        return "message";
    }
}
