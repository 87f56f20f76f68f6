package dev.baton.event;

import static java.util.Objects.requireNonNull;

/** A {@code message_reads} (Instagram: {@code messaging_seen}) event: everything up to {@code watermark} was read. */
public record ReadEvent(EventHeader header, long watermark) implements WebhookEvent {
    public ReadEvent {
        requireNonNull(header, "header is null");
    }

    @Override
    public String kind() {
        return "read";
    }
}
