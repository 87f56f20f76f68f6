package dev.baton.emulator.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.PageRegistration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One registered Page: its configuration, its threads, the apps Meta has unsubscribed, its webhook
 * subscriptions and its Messenger Profile. Guarded by the engine's lock.
 */
final class PageState {

    final PageRegistration registration;
    final Map<String, ThreadState> threads = new LinkedHashMap<>();
    final Set<String> unsubscribedAppIds = new LinkedHashSet<>();
    final Subscriptions subscriptions;
    /** The Messenger Profile properties set, in Meta's JSON. */
    ObjectNode profile = JsonNodeFactory.instance.objectNode();
    /** When the last profile calls were made, for Meta's 10 calls per 10 minutes. */
    final Deque<Instant> profileCalls = new ArrayDeque<>();
    final PageAssets assets = new PageAssets();

    PageState(PageRegistration registration, Subscriptions subscriptions) {
        this.registration = registration;
        this.subscriptions = subscriptions;
    }

    /** The Get Started payload the profile sets, else the one the registration names. */
    String getStartedPayload() {
        String fromProfile = profile.path("get_started").path("payload").asText(null);
        return fromProfile != null ? fromProfile : registration.getStartedPayload();
    }

    String id() {
        return registration.id();
    }

    String defaultAppId() {
        return registration.defaultAppId();
    }

    /** Conversation Routing is on when the Page has a default app; without one the Page is in zero-config mode. */
    boolean conversationRouting() {
        return registration.defaultAppId() != null;
    }

    /** The app an idle thread or Get Started goes to: the social app when set, else the default app. */
    String entryPointAppId() {
        if (!conversationRouting()) {
            return null;
        }
        return registration.socialAppId() != null ? registration.socialAppId() : registration.defaultAppId();
    }

    Optional<AppRegistration> app(String appId) {
        return registration.apps().stream().filter(app -> app.id().equals(appId)).findFirst();
    }

    /** A connected app, the Inbox included. */
    boolean isConnected(String appId) {
        return appId != null && (appId.equals(registration.inboxAppId()) || app(appId).isPresent());
    }

    /**
     * Apps that receive webhooks now: connected, installed on the Page, with a webhook URL (their app-level
     * subscription's, else the registration's), not unsubscribed for failing. In registration order.
     */
    List<AppRegistration> subscribedApps() {
        return registration.apps().stream().filter(app -> !unsubscribedAppIds.contains(app.id()))
                .flatMap(app -> subscriptions.deliverable(id(), registration.platform(), app).stream()).toList();
    }

    /** Whether the app gets events of {@code field} (subscribed at both levels). */
    boolean receives(String appId, String field) {
        return subscriptions.receives(id(), registration.platform(), appId, field);
    }

    ThreadState thread(String psid) {
        return threads.computeIfAbsent(psid, id -> new ThreadState(registration.id(), id));
    }

    Optional<ThreadState> existingThread(String psid) {
        return Optional.ofNullable(threads.get(psid));
    }
}
