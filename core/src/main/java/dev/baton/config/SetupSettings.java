package dev.baton.config;

import java.util.Map;

/**
 * The {@code setup:} section of a Page config: what {@code setup} writes to Meta and {@code doctor} checks.
 * Optional as a whole; every key in it is optional too. Read and checked at load time by {@link SetupSection},
 * the way Meta would refuse it, so a bad profile stops {@code serve} as well as {@code setup}.
 *
 * @param publicUrl the deployment's public base URL ({@code https://bot.example.com}); each app's callback URL
 *                  is {@code publicUrl + /webhooks/{app}} unless the app names its own, and {@code doctor} checks
 *                  that URL answers Meta's verification GET. Null: no app-level subscription, no reachability check
 * @param apps      per hosted app (by its {@code apps[].name}): extra webhook fields, callback URL, app token
 * @param profile   the Page's Messenger Profile; null leaves the profile alone
 */
public record SetupSettings(String publicUrl, Map<String, AppSetup> apps, ProfileSettings profile) {

    /** No setup section: the role's fields only, no callback, no profile. */
    public static final SetupSettings NONE = new SetupSettings(null, Map.of(), null);

    public SetupSettings {
        apps = apps == null ? Map.of() : Map.copyOf(apps);
    }

    /** The app's section, or the empty one. */
    public AppSetup app(String name) {
        return apps.getOrDefault(name, AppSetup.EMPTY);
    }

    @Override
    public String toString() {
        return "SetupSettings[publicUrl=" + publicUrl + ", apps=" + apps + ", profile=" + (profile != null) + "]";
    }
}
