package dev.baton.marketing;

import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.spi.Conversation;

/**
 * The last event whose handling the app finished, kept in the conversation's state ({@code lastDone}), so an
 * event handed over again after a crash ({@link Conversation#redelivered()}) does not repeat what it already
 * did: a welcome, an answer, a stored lead, a pass or release. The record is written after the handling, so a
 * crash between an effect and the record repeats that effect when the event comes again (at least once). Only
 * one event per conversation is flagged per crash (the dispatcher's promise), so the last one is enough; live
 * events are never skipped.
 */
final class MarketingRedelivery {

    static final String SLOT = "lastDone";

    private final MarketingMetrics metrics;

    MarketingRedelivery(MarketingMetrics metrics) {
        this.metrics = metrics;
    }

    /** Runs {@code handling} unless {@code event} is a redelivery of the last event finished; then records it. */
    void once(WebhookEvent event, Conversation conversation, Runnable handling) {
        String key = keyOf(event);
        if (conversation.redelivered() && conversation.state().get(SLOT).filter(key::equals).isPresent()) {
            metrics.redeliveredSkipped();
            return;
        }
        handling.run();
        conversation.state().put(SLOT, key);
    }

    /** Its mid where it has one, else its kind and timestamp (and the apps, for a handover). */
    static String keyOf(WebhookEvent event) {
        long at = event.header().timestamp();
        if (event instanceof MessageEvent message && message.message().mid() != null) {
            return "m:" + message.message().mid();
        }
        if (event instanceof PostbackEvent postback && postback.mid() != null) {
            return "p:" + postback.mid();
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
