package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a registered Page's apps start out connected. {@link #SUBSCRIBED} is the control API's shortcut: every
 * app installed on the Page with every webhook field, delivering to its {@code webhook_url}. {@link #fresh()} is
 * a Page as Meta's dashboard leaves it: the apps exist and hold Page tokens, but nothing is subscribed, so
 * nothing is delivered until the apps call {@code POST /{page-id}/subscribed_apps} and
 * {@code POST /{app-id}/subscriptions}, as {@code setup} does.
 *
 * <p>{@code scopes} maps an app id to the permissions its Page token carries (what {@code debug_token}
 * reports and the setup endpoints require); apps not named get {@link #defaultScopes(boolean)}.
 */
public record PageConnection(boolean subscribed, Map<String, List<String>> scopes) {

    public static final PageConnection SUBSCRIBED = new PageConnection(true, Map.of());

    public PageConnection {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        requireNonNull(scopes, "scopes is null").forEach((app, list) -> copy.put(app, List.copyOf(list)));
        scopes = Map.copyOf(copy);
    }

    public static PageConnection fresh() {
        return new PageConnection(false, Map.of());
    }

    /** The same, with the Page token of {@code appId} carrying exactly {@code appScopes}. */
    public PageConnection withScopes(String appId, List<String> appScopes) {
        Map<String, List<String>> copy = new LinkedHashMap<>(scopes);
        copy.put(requireNonNull(appId, "appId is null"), appScopes);
        return new PageConnection(subscribed, copy);
    }

    /** What a Page token from a Page admin's login usually carries. */
    public static List<String> defaultScopes(boolean instagram) {
        return instagram
                ? List.of("pages_messaging", "pages_manage_metadata", "pages_show_list", "instagram_basic",
                        "instagram_manage_messages")
                : List.of("pages_messaging", "pages_manage_metadata", "pages_show_list", "pages_read_engagement");
    }

    public List<String> scopesOf(String appId, boolean instagram) {
        return scopes.getOrDefault(appId, defaultScopes(instagram));
    }
}
