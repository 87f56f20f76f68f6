package dev.baton.emulator.console;

import dev.baton.emulator.DeliveryRecord;
import dev.baton.event.Channel;
import dev.baton.event.EventHeader;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEntry;
import dev.baton.event.WebhookEvent;
import dev.baton.webhook.WebhookParseException;
import dev.baton.webhook.WebhookParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line of the console's webhook log: a POST as the app saw it, read back with core's parser so the
 * console shows what Baton would make of it: each event's field ({@code messaging} or {@code standby}), kind
 * and person, plus the attempt, status and time to answer. The body itself is fetched on demand.
 */
final class DeliverySummary {

    private static final WebhookParser PARSER = new WebhookParser();

    private DeliverySummary() {}

    static Map<String, Object> of(DeliveryRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sequence", record.sequence());
        view.put("app_id", record.appId());
        view.put("attempt", record.attempt());
        view.put("status", record.status());
        view.put("succeeded", record.succeeded());
        view.put("failure", record.failure());
        view.put("at", record.at().toString());
        view.put("answer_ms", record.answerMillis());
        view.put("events", events(record.body()));
        return view;
    }

    private static List<Map<String, Object>> events(String body) {
        List<Map<String, Object>> events = new ArrayList<>();
        WebhookBatch batch;
        try {
            batch = PARSER.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (WebhookParseException | RuntimeException e) {
            return events;
        }
        for (WebhookEntry entry : batch.entries()) {
            for (WebhookEvent event : entry.events()) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("page_id", entry.pageId());
                view.put("field", event.channel() == Channel.STANDBY ? "standby" : "messaging");
                view.put("kind", event.kind().toLowerCase(Locale.ROOT));
                view.put("psid", person(entry.pageId(), event.header()));
                events.add(view);
            }
        }
        return events;
    }

    /** The person of the event: the sender, or for an echo (sent by the Page) the recipient. */
    private static String person(String pageId, EventHeader header) {
        return pageId.equals(header.senderId()) ? header.recipientId() : header.senderId();
    }
}
