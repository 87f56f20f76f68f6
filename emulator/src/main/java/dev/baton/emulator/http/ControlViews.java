package dev.baton.emulator.http;

import dev.baton.emulator.ActionResult;
import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.CausedWebhook;
import dev.baton.emulator.ConversationView;
import dev.baton.emulator.DeliveryRecord;
import dev.baton.emulator.PageRegistration;
import dev.baton.emulator.TranscriptLine;
import dev.baton.emulator.delivery.WebhookEncoding;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The control API's JSON answers. Secrets, tokens and verify tokens are never part of them. */
final class ControlViews {

    private ControlViews() {}

    static Map<String, Object> page(PageRegistration page, Set<String> unsubscribed, List<ConversationView> threads) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", page.id());
        view.put("platform", page.platform().name().toLowerCase(java.util.Locale.ROOT));
        view.put("default_app_id", page.defaultAppId());
        view.put("inbox_app_id", page.inboxAppId());
        view.put("social_app_id", page.socialAppId());
        view.put("link_routes", page.linkRoutes());
        view.put("apps", page.apps().stream().map(app -> app(app, !unsubscribed.contains(app.id()))).toList());
        view.put("unsubscribed_app_ids", List.copyOf(unsubscribed));
        if (threads != null) {
            view.put("conversations", threads.stream().map(thread -> Map.of("psid", thread.psid(),
                    "owner_app_id", String.valueOf(thread.ownerAppId()))).toList());
        }
        return view;
    }

    private static Map<String, Object> app(AppRegistration app, boolean subscribed) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", app.id());
        view.put("name", app.name());
        view.put("webhook_url", app.webhookUrl() == null ? null : app.webhookUrl().toString());
        view.put("standby", app.standby());
        view.put("can_take_control", app.canTakeControl());
        view.put("subscribed", subscribed);
        return view;
    }

    static Map<String, Object> conversation(ConversationView conversation) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("page_id", conversation.pageId());
        view.put("psid", conversation.psid());
        view.put("owner_app_id", conversation.ownerAppId());
        view.put("control_expires_at", epochSeconds(conversation.controlExpiresAt()));
        view.put("control_expires_at_iso", iso(conversation.controlExpiresAt()));
        view.put("last_person_activity_at", iso(conversation.lastPersonActivityAt()));
        view.put("transcript", conversation.transcript().stream().map(ControlViews::line).toList());
        return view;
    }

    private static Map<String, Object> line(TranscriptLine line) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("direction", line.direction().name().toLowerCase(java.util.Locale.ROOT));
        view.put("app_id", line.appId());
        view.put("kind", line.kind());
        view.put("mid", line.mid());
        view.put("text", line.text());
        view.put("at", line.at().toString());
        if (line.persona() != null) {
            // Only on lines sent as a persona, so other lines keep their shape.
            Map<String, Object> persona = new LinkedHashMap<>();
            persona.put("id", line.persona().id());
            persona.put("name", line.persona().name());
            persona.put("profile_picture_url", line.persona().profilePictureUrl());
            view.put("persona", persona);
        }
        return view;
    }

    static Map<String, Object> actionResult(ActionResult result, WebhookEncoding encoding, PageRegistration page) {
        return Map.of("webhooks", result.webhooks().stream().map(webhook -> caused(webhook, encoding, page)).toList());
    }

    private static Map<String, Object> caused(CausedWebhook webhook, WebhookEncoding encoding, PageRegistration page) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("app_id", webhook.appId());
        view.put("page_id", webhook.pageId());
        view.put("field", webhook.field());
        view.put("kind", webhook.event().kind());
        view.put("event", encoding.eventJson(webhook.pageId(), page.platform(), webhook.event()));
        DeliveryRecord attempt = webhook.firstAttempt();
        view.put("delivery", attempt == null ? null : Map.of("sequence", attempt.sequence(), "status", attempt.status()));
        return view;
    }

    static Map<String, Object> delivery(DeliveryRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sequence", record.sequence());
        view.put("app_id", record.appId());
        view.put("url", record.url().toString());
        view.put("attempt", record.attempt());
        view.put("headers", record.headers());
        view.put("body", record.body());
        view.put("status", record.status());
        view.put("answer", record.answer());
        view.put("failure", record.failure());
        view.put("at", record.at().toString());
        return view;
    }

    static Long epochSeconds(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
