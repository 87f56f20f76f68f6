package dev.baton.event;

import static java.util.Objects.requireNonNull;

/**
 * A {@code message_reactions} event. {@code reaction} is one of smile, angry, sad, wow, love, like, dislike,
 * other (kept as sent); {@code action} is react or unreact.
 */
public record ReactionEvent(EventHeader header, String mid, String action, String reaction, String emoji)
        implements WebhookEvent {
    public ReactionEvent {
        requireNonNull(header, "header is null");
    }

    public boolean isUnreact() {
        return "unreact".equals(action);
    }

    @Override
    public String kind() {
        return "reaction";
    }
}
