package com.example.page;

import dev.baton.emulator.ActionResult;
import dev.baton.emulator.AdClick;
import dev.baton.emulator.ConversationView;
import dev.baton.emulator.DeliveryRecord;
import dev.baton.emulator.Person;
import dev.baton.emulator.TranscriptLine;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEvent;
import dev.baton.webhook.WebhookParseException;
import dev.baton.webhook.WebhookParser;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The scripted day the {@code demo} mode plays against {@link DemoPage}: for each step, what the person did,
 * which app got which webhook ({@code messaging} or {@code standby}), what the Page answered and who owns the
 * thread afterwards.
 */
final class DemoDay {

    private final DemoPage demo;
    private final PrintStream out;
    private final WebhookParser parser = new WebhookParser();
    private final Map<String, Long> seenDeliveries = new HashMap<>();
    private final Map<String, Integer> seenTranscript = new HashMap<>();

    DemoDay(DemoPage demo, PrintStream out) {
        this.demo = demo;
        this.out = out;
    }

    void play() {
        Person first = demo.emulator.person(demo.pageId(), "person-1");
        Person second = demo.emulator.person(demo.pageId(), "person-2");
        Person third = demo.emulator.person(demo.pageId(), "person-3");
        out.println("Baton demo: a day of Page " + demo.pageId() + " (apps: marketing, default, inbox-bridge, "
                + "store-hours; the Page Inbox is always there)");
        step("Person 1 taps a Click-to-Message ad", first, () -> first.adClick(
                AdClick.of("120210000000000001", demo.appId("marketing")).withText("Hi! Is the sale still on?")));
        step("Person 1 taps 'Talk to us'", first, () -> first.quickReply("Talk to us", "BATON_MKT:spring-sale:talk"));
        step("Person 1 asks about an order", first, () -> first.text("Where is my order?"));
        step("Person 2 opens m.me/page?ref=" + DemoPage.HOURS_REF, second, () -> second.link(DemoPage.HOURS_REF));
        step("Person 3 says hello", third, () -> third.text("hello"));
        step("Person 3 asks for a human", third, () -> third.text("I want to talk to a human"));
        step("An agent answers in the Page Inbox", third, () -> third.inboxReply("Hi, this is Anna. How can I help?"));
        out.println();
        out.println("== 24 hours pass on the emulator's clock");
        demo.emulator.advanceClock(Duration.ofHours(24).plusMinutes(1));
        settle();
        for (Person person : List.of(first, second, third)) {
            out.println("   " + person.psid() + " thread owner: " + owner(person));
        }
        // The escalation is still open, so the default app gives the thread straight back to the humans.
        step("Person 3 comes back while the escalation is open", third, () -> third.text("hello again"));
        step("The agent marks the conversation Done in the Inbox", third, third::inboxDone);
        step("Person 3 writes again", third, () -> third.text("where is my order?"));
    }

    private void step(String title, Person person, Supplier<ActionResult> action) {
        out.println();
        out.println("== " + title);
        action.get();
        settle();
        printTranscript(person);
        printDeliveries();
        out.println("   thread owner now: " + owner(person));
    }

    private String owner(Person person) {
        return demo.appName(person.conversation().map(ConversationView::ownerAppId).orElse(null));
    }

    private void printTranscript(Person person) {
        List<TranscriptLine> lines = person.conversation().map(ConversationView::transcript).orElse(List.of());
        int from = seenTranscript.getOrDefault(person.psid(), 0);
        for (TranscriptLine line : lines.subList(Math.min(from, lines.size()), lines.size())) {
            String who = line.direction() == TranscriptLine.Direction.INBOUND ? person.psid()
                    : "Page via " + demo.appName(line.appId());
            out.println("   " + who + " [" + line.kind() + "]: " + (line.text() == null ? "" : line.text()));
        }
        seenTranscript.put(person.psid(), lines.size());
    }

    private void printDeliveries() {
        List<String> webhooks = new ArrayList<>();
        for (var app : demo.config.apps()) {
            long seen = seenDeliveries.getOrDefault(app.appId(), 0L);
            for (DeliveryRecord delivery : demo.emulator.deliveries(app.appId())) {
                if (delivery.sequence() <= seen || delivery.attempt() != 1) {
                    continue;
                }
                seen = Math.max(seen, delivery.sequence());
                for (WebhookEvent event : events(delivery)) {
                    webhooks.add(app.name() + " got " + (event.channel().name().toLowerCase()) + " " + kind(event));
                }
            }
            seenDeliveries.put(app.appId(), seen);
        }
        webhooks.forEach(line -> out.println("   webhook: " + line));
    }

    private List<WebhookEvent> events(DeliveryRecord delivery) {
        try {
            WebhookBatch batch = parser.parse(delivery.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return batch.events();
        } catch (WebhookParseException e) {
            return List.of();
        }
    }

    private static String kind(WebhookEvent event) {
        String name = event.getClass().getSimpleName();
        return name.endsWith("Event") ? name.substring(0, name.length() - 5).toLowerCase() : name.toLowerCase();
    }

    /**
     * Waits until the emulator has delivered every webhook, the deployment has handled every event (and so made
     * its Graph calls), and nothing new happened since: each side's work can cause more on the other.
     */
    private void settle() {
        var dispatcher = demo.page.deployment().dispatcher();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long last = -1;
        int stableRounds = 0;
        while (System.nanoTime() < deadline && stableRounds < 3) {
            demo.emulator.awaitDeliveries(Duration.ofSeconds(10));
            dispatcher.awaitIdle(Duration.ofSeconds(10));
            long activity = activity() + dispatcher.handledEvents();
            stableRounds = activity == last && dispatcher.queuedEvents() == 0 ? stableRounds + 1 : 0;
            last = activity;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long activity() {
        long total = 0;
        for (var app : demo.config.apps()) {
            total += demo.emulator.deliveries(app.appId()).size();
        }
        for (ConversationView conversation : demo.emulator.conversations(demo.pageId())) {
            total += conversation.transcript().size();
        }
        return total;
    }
}
