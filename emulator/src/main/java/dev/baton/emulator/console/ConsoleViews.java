package dev.baton.emulator.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.ConversationView;
import dev.baton.emulator.DeliveryRecord;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.OwnerChange;
import dev.baton.emulator.PageRegistration;
import dev.baton.emulator.TranscriptLine;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console's JSON reads, built from the emulator's public Java API: the whole picture of every Page
 * ({@link #state}), one conversation with its rich transcript and owner timeline ({@link #conversation}), the
 * webhook log of a Page's apps ({@link #deliveries}) and one POST in full ({@link #delivery}). Like the
 * control API, no answer carries an app secret, access token or verify token.
 */
final class ConsoleViews {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final int LOG_LIMIT = 400;

    private final Emulator emulator;

    ConsoleViews(Emulator emulator) {
        this.emulator = emulator;
    }

    Map<String, Object> state() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("clock", clock());
        view.put("pages", emulator.pages().stream().map(this::page).toList());
        view.put("faults", emulator.faults().pending());
        return view;
    }

    Map<String, Object> clock() {
        Map<String, Object> clock = new LinkedHashMap<>();
        clock.put("now", emulator.clock().instant().toString());
        clock.put("epoch_millis", emulator.clock().millis());
        clock.put("advanced_seconds", emulator.clock().advancedBy().toSeconds());
        return clock;
    }

    private Map<String, Object> page(PageRegistration page) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", page.id());
        view.put("platform", page.platform().name().toLowerCase(Locale.ROOT));
        view.put("default_app_id", page.defaultAppId());
        view.put("inbox_app_id", page.inboxAppId());
        view.put("social_app_id", page.socialAppId());
        view.put("link_routes", page.linkRoutes());
        view.put("get_started_payload", page.getStartedPayload());
        List<Map<String, Object>> apps = new ArrayList<>();
        for (AppRegistration app : page.apps()) {
            apps.add(app(page, app));
        }
        view.put("apps", apps);
        view.put("inbox", Map.of("id", page.inboxAppId(), "name",
                page.inboxAppId().equals(PageRegistration.PAGE_INBOX_APP_ID) ? "Page Inbox" : "Instagram Inbox",
                "roles", roles(page, page.inboxAppId())));
        view.put("people", emulator.conversations(page.id()).stream().map(ConsoleViews::person).toList());
        return view;
    }

    private Map<String, Object> app(PageRegistration page, AppRegistration app) {
        List<DeliveryRecord> deliveries = emulator.deliveries(app.id());
        long succeeded = deliveries.stream().filter(DeliveryRecord::succeeded).count();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", app.id());
        view.put("name", app.name());
        view.put("roles", roles(page, app.id()));
        view.put("standby", app.standby());
        view.put("can_take_control", app.canTakeControl());
        view.put("subscribed", emulator.isSubscribed(page.id(), app.id()));
        view.put("webhook_url", app.webhookUrl().toString());
        view.put("deliveries_succeeded", succeeded);
        view.put("deliveries_failed", deliveries.size() - succeeded);
        view.put("retries", deliveries.stream().filter(record -> record.attempt() > 1).count());
        return view;
    }

    /** What Meta's Page settings make of the app: default, social (Get Started, new threads), link routes. */
    private static List<String> roles(PageRegistration page, String appId) {
        List<String> roles = new ArrayList<>();
        if (appId.equals(page.defaultAppId())) {
            roles.add("default");
        }
        if (appId.equals(page.socialAppId())) {
            roles.add("social");
        }
        page.linkRoutes().forEach((ref, routed) -> {
            if (routed.equals(appId)) {
                roles.add("m.me ref=" + ref);
            }
        });
        return roles;
    }

    private static Map<String, Object> person(ConversationView conversation) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("psid", conversation.psid());
        view.put("owner_app_id", conversation.ownerAppId());
        List<TranscriptLine> lines = conversation.transcript();
        TranscriptLine last = lines.isEmpty() ? null : lines.get(lines.size() - 1);
        view.put("lines", lines.size());
        view.put("last_text", last == null ? null : last.text());
        view.put("last_direction", last == null ? null : last.direction().name().toLowerCase(Locale.ROOT));
        view.put("last_at", last == null ? null : last.at().toString());
        return view;
    }

    Map<String, Object> conversation(ConversationView conversation) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("page_id", conversation.pageId());
        view.put("psid", conversation.psid());
        view.put("owner_app_id", conversation.ownerAppId());
        view.put("control_expires_at", iso(conversation.controlExpiresAt()));
        Instant last = conversation.lastPersonActivityAt();
        view.put("last_person_activity_at", iso(last));
        view.put("window_closes_at", last == null ? null : last.plus(Duration.ofHours(24)).toString());
        view.put("human_agent_window_closes_at", last == null ? null : last.plus(Duration.ofDays(7)).toString());
        view.put("transcript", conversation.transcript().stream().map(ConsoleViews::line).toList());
        view.put("owner_history", conversation.ownerHistory().stream().map(ConsoleViews::change).toList());
        return view;
    }

    private static Map<String, Object> line(TranscriptLine line) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("direction", line.direction().name().toLowerCase(Locale.ROOT));
        view.put("app_id", line.appId());
        view.put("kind", line.kind());
        view.put("mid", line.mid());
        view.put("text", line.text());
        view.put("at", line.at().toString());
        view.put("content", json(line.content()));
        return view;
    }

    private static Map<String, Object> change(OwnerChange change) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", change.at().toString());
        view.put("from_app_id", change.fromAppId());
        view.put("to_app_id", change.toAppId());
        view.put("cause", change.cause());
        return view;
    }

    /** The newest {@link #LOG_LIMIT} POSTs to the Page's apps, oldest first. */
    List<Map<String, Object>> deliveries(PageRegistration page) {
        List<DeliveryRecord> records = new ArrayList<>();
        page.apps().forEach(app -> records.addAll(emulator.deliveries(app.id())));
        records.sort(Comparator.comparingLong(DeliveryRecord::sequence));
        List<DeliveryRecord> newest = records.subList(Math.max(0, records.size() - LOG_LIMIT), records.size());
        return newest.stream().map(DeliverySummary::of).toList();
    }

    /** One POST in full: headers with both signatures, the body pretty-printed, the app's answer. */
    static Map<String, Object> delivery(DeliveryRecord record) {
        Map<String, Object> view = new LinkedHashMap<>(DeliverySummary.of(record));
        view.put("url", record.url().toString());
        view.put("headers", new java.util.TreeMap<>(record.headers()));
        view.put("body", record.body());
        view.put("body_pretty", pretty(record.body()));
        view.put("answer", record.answer());
        return view;
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String pretty(String body) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(MAPPER.readTree(body));
        } catch (IOException e) {
            return body;
        }
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
