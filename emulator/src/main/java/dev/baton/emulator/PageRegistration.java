package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import dev.baton.event.Platform;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Page (or Instagram account) to emulate, as {@code POST /_emulator/pages} describes it.
 *
 * <p>{@code defaultAppId} null means the zero-configuration behaviour: no Conversation Routing, every app
 * gets messaging webhooks of an idle thread and any app may answer. It may name a connected app or the
 * Page Inbox ({@link #inboxAppId(Platform)}), which is always connected. {@code linkRoutes} maps an m.me
 * {@code ref} to the app that gets control; {@code socialAppId} gets control of idle threads and Get Started.
 * {@code getStartedPayload} is the payload the Page configured for its Get Started button.
 */
public record PageRegistration(
        String id,
        Platform platform,
        List<AppRegistration> apps,
        String defaultAppId,
        Map<String, String> linkRoutes,
        String socialAppId,
        String getStartedPayload) {

    /** Meta Business Suite Inbox, connected to every Messenger Page. */
    public static final String PAGE_INBOX_APP_ID = "263902037430900";
    /** Meta Business Suite Inbox on Instagram. */
    public static final String INSTAGRAM_INBOX_APP_ID = "1217981644879628";

    public PageRegistration {
        requireNonNull(id, "id is null");
        requireNonNull(platform, "platform is null");
        apps = List.copyOf(requireNonNull(apps, "apps is null"));
        linkRoutes = Map.copyOf(requireNonNull(linkRoutes, "linkRoutes is null"));
        getStartedPayload = getStartedPayload == null ? "GET_STARTED" : getStartedPayload;
        if (!id.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException("page id must be a numeric string: " + id);
        }
        Set<String> ids = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (AppRegistration app : apps) {
            if (app.id().equals(PAGE_INBOX_APP_ID) || app.id().equals(INSTAGRAM_INBOX_APP_ID)) {
                throw new IllegalArgumentException("app " + app.id() + " is the Inbox, which is always connected");
            }
            if (!ids.add(app.id())) {
                throw new IllegalArgumentException("app " + app.id() + " is listed twice");
            }
            if (!tokens.add(app.accessToken())) {
                throw new IllegalArgumentException("app " + app.id() + " shares its access_token with another app");
            }
        }
        String inbox = inboxAppId(platform);
        if (defaultAppId != null && !ids.contains(defaultAppId) && !defaultAppId.equals(inbox)) {
            throw new IllegalArgumentException("default_app_id " + defaultAppId + " is not a connected app");
        }
        if (socialAppId != null && !ids.contains(socialAppId) && !socialAppId.equals(inbox)) {
            throw new IllegalArgumentException("social_app_id " + socialAppId + " is not a connected app");
        }
        linkRoutes.forEach((ref, appId) -> {
            if (!ref.matches("[A-Za-z0-9_=-]{1,2083}")) {
                throw new IllegalArgumentException("link_routes ref must be alphanumerics, '-', '_' or '=': " + ref);
            }
            if (!ids.contains(appId) && !appId.equals(inbox)) {
                throw new IllegalArgumentException("link_routes[" + ref + "] names " + appId + ", not a connected app");
            }
        });
    }

    /** A Messenger Page with these apps and default app, no link routes or social app. */
    public static PageRegistration messenger(String id, String defaultAppId, List<AppRegistration> apps) {
        return new PageRegistration(id, Platform.MESSENGER, apps, defaultAppId, Map.of(), null, null);
    }

    public PageRegistration withLinkRoutes(Map<String, String> newLinkRoutes) {
        return new PageRegistration(id, platform, apps, defaultAppId, newLinkRoutes, socialAppId, getStartedPayload);
    }

    public PageRegistration withSocialAppId(String newSocialAppId) {
        return new PageRegistration(id, platform, apps, defaultAppId, linkRoutes, newSocialAppId, getStartedPayload);
    }

    public PageRegistration withPlatform(Platform newPlatform) {
        return new PageRegistration(id, newPlatform, apps, defaultAppId, linkRoutes, socialAppId, getStartedPayload);
    }

    /** The Inbox app id of this platform. */
    public static String inboxAppId(Platform platform) {
        return platform == Platform.INSTAGRAM ? INSTAGRAM_INBOX_APP_ID : PAGE_INBOX_APP_ID;
    }

    public String inboxAppId() {
        return inboxAppId(platform);
    }
}
