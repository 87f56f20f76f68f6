package dev.baton.graph.setup;

import java.util.List;

/** One item of {@code GET /{page-id}/subscribed_apps}: an app installed on the Page and its Page-level fields. */
public record SubscribedApp(String id, String name, List<String> subscribedFields) {
    public SubscribedApp {
        subscribedFields = List.copyOf(subscribedFields);
    }
}
