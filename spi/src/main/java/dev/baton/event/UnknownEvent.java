package dev.baton.event;

import static java.util.Objects.requireNonNull;

/**
 * An event of a kind this version does not know. Its whole JSON object is kept, so nothing Meta adds later
 * is lost; the header is filled from {@code sender}, {@code recipient} and {@code timestamp} where present
 * (empty strings and 0 where not).
 */
public record UnknownEvent(EventHeader header, String rawJson) implements WebhookEvent {
    public UnknownEvent {
        requireNonNull(header, "header is null");
        requireNonNull(rawJson, "rawJson is null");
    }

    @Override
    public String kind() {
        return "unknown";
    }
}
