package dev.baton.event;

import static java.util.Objects.requireNonNull;

/**
 * A {@code message_echoes} event (on Instagram: a {@code messages} event with {@code is_echo}): the Page
 * sent this message, through the app {@code appId} (the Page Inbox app for a human agent). Sender is the
 * Page and recipient the person, so the conversation key is taken from the recipient.
 */
public record EchoEvent(EventHeader header, Message message, String appId, String metadata) implements WebhookEvent {
    public EchoEvent {
        requireNonNull(header, "header is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public ConversationKey conversation() {
        return new ConversationKey(header.pageId(), header.recipientId());
    }

    @Override
    public String kind() {
        return "echo";
    }
}
