package dev.baton.event;

import static java.util.Objects.requireNonNull;

/**
 * A message with {@code is_unsupported: true}: the person sent something Meta does not pass to apps (its
 * content is not in the webhook). Not an empty message: it never reaches {@code onMessage}; an app may answer
 * that it cannot read it. Any fields Meta sent beside the flag are in {@link #raw()}.
 */
public record UnsupportedMessageEvent(EventHeader header, String mid) implements WebhookEvent {
    public UnsupportedMessageEvent {
        requireNonNull(header, "header is null");
    }

    @Override
    public String kind() {
        return "unsupported_message";
    }
}
