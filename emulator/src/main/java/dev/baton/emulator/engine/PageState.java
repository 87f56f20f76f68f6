package dev.baton.emulator.engine;

import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.PageRegistration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One registered Page: its configuration, its threads, and the apps Meta has unsubscribed. Guarded by the engine's lock. */
final class PageState {

    final PageRegistration registration;
    final Map<String, ThreadState> threads = new LinkedHashMap<>();
    final Set<String> unsubscribedAppIds = new LinkedHashSet<>();

    PageState(PageRegistration registration) {
        this.registration = registration;
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

    /** Apps that receive webhooks now: connected, with a webhook URL, not unsubscribed. In registration order. */
    List<AppRegistration> subscribedApps() {
        return registration.apps().stream().filter(app -> !unsubscribedAppIds.contains(app.id())).toList();
    }

    ThreadState thread(String psid) {
        return threads.computeIfAbsent(psid, id -> new ThreadState(registration.id(), id));
    }

    Optional<ThreadState> existingThread(String psid) {
        return Optional.ofNullable(threads.get(psid));
    }
}
