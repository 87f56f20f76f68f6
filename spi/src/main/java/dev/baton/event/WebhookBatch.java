package dev.baton.event;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A whole webhook POST body: {@code {"object": ..., "entry": [...]}}. */
public record WebhookBatch(Platform platform, List<WebhookEntry> entries) {
    public WebhookBatch {
        requireNonNull(platform, "platform is null");
        entries = List.copyOf(requireNonNull(entries, "entries is null"));
    }

    /** Every event of every entry, in order. */
    public List<WebhookEvent> events() {
        return entries.stream().flatMap(entry -> entry.events().stream()).toList();
    }
}
