package dev.baton.spi;

import static java.util.Objects.requireNonNull;

import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.WebhookEvent;

/**
 * Keeps an app from repeating an event it had finished before a crash. The key of the last event whose
 * handling finished is kept in the conversation's state under {@code slot}; an event handed over again
 * ({@link Conversation#redelivered()}) with that key is skipped. The record is written after the handling,
 * so a crash between an effect and the record repeats that effect (at least once). The dispatcher flags at
 * most one event per conversation per crash, so remembering the last one is enough; live events are never
 * skipped (the dispatcher already drops Meta's repeats).
 *
 * <p>Stateless apart from the slot name; call it from the conversation's callback (its lane).
 */
public final class RedeliveryGuard {

    private final String slot;

    public RedeliveryGuard(String slot) {
        this.slot = requireNonNull(slot, "slot is null");
    }

    /**
     * Runs {@code handling} unless {@code event} is a redelivery of the last event finished in this
     * conversation, then records it as finished. Returns false when the event was skipped.
     */
    public boolean runOnce(WebhookEvent event, Conversation conversation, Runnable handling) {
        String key = keyOf(event);
        if (conversation.redelivered() && key.equals(conversation.state().get(slot).orElse(null))) {
            return false;
        }
        handling.run();
        conversation.state().put(slot, key);
        return true;
    }

    /** A key naming the event: its mid where it has one, else its kind, timestamp and what tells it apart. */
    public static String keyOf(WebhookEvent event) {
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
