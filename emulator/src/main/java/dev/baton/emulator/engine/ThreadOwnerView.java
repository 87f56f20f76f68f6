package dev.baton.emulator.engine;

import dev.baton.emulator.AppRegistration;
import dev.baton.event.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The read-only Graph answers: {@code thread_owner}, {@code messaging_feature_status}, {@code secondary_receivers}. */
final class ThreadOwnerView {

    private ThreadOwnerView() {}

    /**
     * The owner or the default app sees {@code app_id} and {@code expiration} (UNIX seconds); another app sees
     * only {@code expiration}; an idle thread gives an empty {@code data}.
     */
    static Map<String, Object> answer(PageState page, ThreadState thread, String callerId) {
        if (thread.ownerAppId == null) {
            return Map.of("data", List.of());
        }
        Map<String, Object> owner = new LinkedHashMap<>();
        if (callerId.equals(thread.ownerAppId) || callerId.equals(page.defaultAppId())) {
            owner.put("app_id", thread.ownerAppId);
        }
        owner.put("expiration", thread.controlExpiresAt.getEpochSecond());
        return Map.of("data", List.of(Map.of("thread_owner", owner)));
    }

    /** {@code msgr_multi_app} / {@code ig_multi_app} say whether a default app is set; {@code hop_v2} is false. */
    static Map<String, Object> featureStatus(PageState page) {
        boolean routing = page.conversationRouting();
        Platform platform = page.registration.platform();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("hop_v2", false);
        status.put("msgr_multi_app", routing && platform == Platform.MESSENGER);
        status.put("ig_multi_app", routing && platform == Platform.INSTAGRAM);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messaging_feature_status", status);
        answer.put("id", page.id());
        return answer;
    }

    /** Every connected app, the Inbox first, as the legacy {@code secondary_receivers} edge lists them. */
    static Map<String, Object> secondaryReceivers(PageState page) {
        List<Map<String, Object>> data = new ArrayList<>();
        String inbox = page.registration.inboxAppId();
        data.add(Map.of("id", inbox, "name", page.registration.platform() == Platform.INSTAGRAM ? "Instagram Inbox" : "Page Inbox"));
        for (AppRegistration app : page.registration.apps()) {
            data.add(Map.of("id", app.id(), "name", app.name()));
        }
        return Map.of("data", data);
    }
}
