package dev.baton.emulator.engine;

import dev.baton.emulator.AppRegistration;
import dev.baton.event.Platform;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Webhook subscriptions at Meta's two levels (platform-facts §7): per app and object ({@code page},
 * {@code instagram}) a callback URL, verify token and fields; per Page the apps installed and their fields.
 * "Only fields with subscriptions at both the page and app levels will get Webhooks."
 *
 * <p>A Page registered through the control API's shortcut has every app installed with every field, and an
 * app without an app-level subscription made through the Graph API delivers to its registration's
 * {@code webhook_url} with every field: so Pages registered that way behave as before subscriptions existed.
 * Guarded by the engine's lock.
 */
final class Subscriptions {

    /** Meta's Messenger Page field names (the webhooks table, plus the ones named elsewhere in its docs). */
    static final Set<String> MESSENGER_FIELDS = Set.of("message_deliveries", "message_echoes", "message_edits",
            "message_reactions", "message_reads", "messages", "messaging_account_linking", "messaging_feedback",
            "messaging_game_plays", "messaging_handovers", "messaging_optins", "messaging_policy_enforcement",
            "messaging_postbacks", "messaging_referrals", "messenger_template_status_update",
            "message_template_status_update", "response_feedback", "send_cart", "standby",
            "messaging_customer_information", "messaging_in_thread_lead_form_submit", "inbox_labels", "group_feed",
            "feed");
    /** Instagram's (Messenger Platform flavour), with the routing doc's {@code messaging_handover}. */
    static final Set<String> INSTAGRAM_FIELDS = Set.of("messages", "message_reactions", "messaging_postbacks",
            "messaging_seen", "messaging_referral", "messaging_handover", "standby", "messaging_optins", "comments",
            "live_comments", "mentions", "story_insights");

    /** One app-level subscription. */
    record AppLevel(String object, URI callbackUrl, String verifyToken, Set<String> fields) {}

    private final Map<String, Map<String, AppLevel>> appLevel = new LinkedHashMap<>();
    private final Map<String, Map<String, Set<String>>> pageLevel = new LinkedHashMap<>();

    static Set<String> fieldsOf(Platform platform) {
        return platform == Platform.INSTAGRAM ? INSTAGRAM_FIELDS : MESSENGER_FIELDS;
    }

    static String object(Platform platform) {
        return platform == Platform.INSTAGRAM ? "instagram" : "page";
    }

    /** The control API's shortcut: every app installed on the Page with every field. */
    void installAll(String pageId, Platform platform, List<AppRegistration> apps) {
        Map<String, Set<String>> installed = pageLevel.computeIfAbsent(pageId, id -> new LinkedHashMap<>());
        apps.forEach(app -> installed.put(app.id(), new LinkedHashSet<>(fieldsOf(platform))));
    }

    void subscribePage(String pageId, String appId, Set<String> fields) {
        pageLevel.computeIfAbsent(pageId, id -> new LinkedHashMap<>()).put(appId, new LinkedHashSet<>(fields));
    }

    void unsubscribePage(String pageId, String appId) {
        Optional.ofNullable(pageLevel.get(pageId)).ifPresent(installed -> installed.remove(appId));
    }

    /** Apps installed on the Page (in installation order) and their Page-level fields. */
    Map<String, Set<String>> pageSubscriptions(String pageId) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        pageLevel.getOrDefault(pageId, Map.of()).forEach((app, fields) -> copy.put(app, Set.copyOf(fields)));
        return copy;
    }

    /** Adds {@code fields} to the app's subscription of {@code object}, replacing its URL and verify token. */
    void subscribeApp(String appId, String object, URI callbackUrl, String verifyToken, Set<String> fields) {
        Map<String, AppLevel> objects = appLevel.computeIfAbsent(appId, id -> new LinkedHashMap<>());
        Set<String> merged = new LinkedHashSet<>();
        Optional.ofNullable(objects.get(object)).ifPresent(existing -> merged.addAll(existing.fields()));
        merged.addAll(fields);
        objects.put(object, new AppLevel(object, callbackUrl, verifyToken, Set.copyOf(merged)));
    }

    /** Removes the app's subscription of {@code object}, or all of them when null; false when there was none. */
    boolean unsubscribeApp(String appId, String object) {
        Map<String, AppLevel> objects = appLevel.get(appId);
        if (objects == null) {
            return false;
        }
        if (object == null) {
            appLevel.remove(appId);
            return !objects.isEmpty();
        }
        return objects.remove(object) != null;
    }

    List<AppLevel> appSubscriptions(String appId) {
        return List.copyOf(appLevel.getOrDefault(appId, Map.of()).values());
    }

    /**
     * The app as it receives this Page's webhooks: with the callback URL of its app-level subscription, else its
     * registration's URL (the shortcut); empty when it has neither, or is not installed on the Page.
     */
    Optional<AppRegistration> deliverable(String pageId, Platform platform, AppRegistration app) {
        if (!pageLevel.getOrDefault(pageId, Map.of()).containsKey(app.id())) {
            return Optional.empty();
        }
        AppLevel subscription = appLevel.getOrDefault(app.id(), Map.of()).get(object(platform));
        if (subscription != null) {
            return Optional.of(app.withWebhook(subscription.callbackUrl(), subscription.verifyToken()));
        }
        return app.webhookUrl() == null ? Optional.empty() : Optional.of(app);
    }

    /** Whether {@code field} is subscribed at both levels (a null field, an event Meta names none for: installed is enough). */
    boolean receives(String pageId, Platform platform, String appId, String field) {
        Set<String> pageFields = pageLevel.getOrDefault(pageId, Map.of()).get(appId);
        if (pageFields == null) {
            return false;
        }
        if (field == null) {
            return true;
        }
        AppLevel subscription = appLevel.getOrDefault(appId, Map.of()).get(object(platform));
        Set<String> appFields = subscription == null ? fieldsOf(platform) : subscription.fields();
        return pageFields.contains(field) && appFields.contains(field);
    }
}
