package dev.baton.event;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One {@code entry[]} element: a page id, its {@code time}, and its events in the order Meta listed them,
 * {@code messaging[]} first then {@code standby[]} (each event says which it came from).
 * {@code hopContext} keeps the entry-level {@code hop_context[]} seen on lead-ad handovers.
 */
public record WebhookEntry(String pageId, long time, List<WebhookEvent> events, List<HopContext> hopContext) {
    public WebhookEntry {
        requireNonNull(pageId, "pageId is null");
        events = List.copyOf(requireNonNull(events, "events is null"));
        hopContext = List.copyOf(requireNonNull(hopContext, "hopContext is null"));
    }

    public record HopContext(String appId, String metadata) {}
}
