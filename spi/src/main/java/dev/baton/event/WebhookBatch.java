package dev.baton.event;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A whole webhook POST body: {@code {"object": ..., "entry": [...]}}. */
public record WebhookBatch(Platform platform, List<WebhookEntry> entries) {
    public WebhookBatch {
        requireNonNull(platform, "platform is null");
        entries = List.copyOf(requireNonNull(entries, "entries is null"));
    }

    /** Every event of every entry, in order (unmodifiable). */
    public List<WebhookEvent> events() {
        // Read on every POST, several times: no stream, and a single entry's own (immutable) list as it is.
        if (entries.size() == 1) {
            return entries.get(0).events();
        }
        int count = 0;
        for (WebhookEntry entry : entries) {
            count += entry.events().size();
        }
        WebhookEvent[] all = new WebhookEvent[count];
        int at = 0;
        for (WebhookEntry entry : entries) {
            for (WebhookEvent event : entry.events()) {
                all[at++] = event;
            }
        }
        return List.of(all);
    }
}
