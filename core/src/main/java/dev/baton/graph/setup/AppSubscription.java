package dev.baton.graph.setup;

import java.util.List;

/** One item of {@code GET /{app-id}/subscriptions}: the app-level webhook of one object ({@code page}, {@code instagram}). */
public record AppSubscription(String object, String callbackUrl, boolean active, List<String> fields) {
    public AppSubscription {
        fields = List.copyOf(fields);
    }
}
