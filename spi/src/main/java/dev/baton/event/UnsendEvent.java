package dev.baton.event;

import static java.util.Objects.requireNonNull;

/**
 * A message with {@code is_deleted: true}: the person unsent the message {@code mid}. Not a new message, so
 * it never reaches {@code onMessage}; an app that stored or forwarded the message may want to forget it.
 */
public record UnsendEvent(EventHeader header, String mid) implements WebhookEvent {
    public UnsendEvent {
        requireNonNull(header, "header is null");
    }

    @Override
    public String kind() {
        return "unsend";
    }
}
