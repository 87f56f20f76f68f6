package dev.baton.inboxbridge;

import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.spi.Conversation;

/**
 * The last event whose handling the bridge finished, kept in the conversation's state
 * ({@code inbox-bridge.done}), so that an event handed over again after a crash ({@link Conversation#redelivered()})
 * does not repeat what it already did: a ticket opened, a message mirrored, a handoff line, a pass. The record is
 * written after the handling, so a crash between an effect and the record repeats that effect (at least once);
 * the episode's own keys (the opening handover, mirrored mids, reply ids) catch most of those.
 *
 * <p>Only one event per conversation can be flagged per crash (the dispatcher's promise), so the last one is
 * enough. Live events are never skipped: the dispatcher already drops Meta's repeats.
 */
final class InboxBridgeDone {

    static final String KEY = "inbox-bridge.done";

    private final InboxBridgeMetrics metrics;

    InboxBridgeDone(InboxBridgeMetrics metrics) {
        this.metrics = metrics;
    }

    /** Runs {@code handling} unless {@code event} is a redelivery of the last event finished; then records it. */
    void once(WebhookEvent event, Conversation conversation, Runnable handling) {
        String key = keyOf(event);
        if (conversation.redelivered() && key.equals(conversation.state().get(KEY).orElse(null))) {
            metrics.redeliveredSkipped();
            return;
        }
        handling.run();
        conversation.state().put(KEY, key);
    }

    /** A key naming the event: its mid where it has one, else its kind, timestamp and the apps involved. */
    static String keyOf(WebhookEvent event) {
        long at = event.header().timestamp();
        if (event instanceof MessageEvent message && message.message().mid() != null) {
            return "m:" + message.message().mid();
        }
        if (event instanceof PostbackEvent postback) {
            return postback.mid() != null ? "p:" + postback.mid() : "p:" + at + ":" + postback.payload();
        }
        if (event instanceof ReferralEvent) {
            return "r:" + at;
        }
        if (event instanceof HandoverEvent.PassThreadControl pass) {
            return "pass:" + at + ":" + pass.previousOwnerAppId() + ":" + pass.newOwnerAppId();
        }
        if (event instanceof HandoverEvent.TakeThreadControl take) {
            return "take:" + at + ":" + take.previousOwnerAppId() + ":" + take.newOwnerAppId();
        }
        return event.getClass().getSimpleName() + ":" + at;
    }
}
