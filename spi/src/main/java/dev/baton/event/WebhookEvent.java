package dev.baton.event;

/**
 * One event of a webhook entry. The family is closed so that a {@code switch} over it is checked by the
 * compiler; anything Meta adds later arrives as {@link UnknownEvent} with its raw JSON kept.
 */
public sealed interface WebhookEvent
        permits MessageEvent, EchoEvent, ReferralEvent, PostbackEvent, HandoverEvent, ReadEvent, DeliveryEvent,
                ReactionEvent, OptinEvent, UnknownEvent {

    EventHeader header();

    /** The conversation this event belongs to; the person is the sender, except on echoes. */
    default ConversationKey conversation() {
        return new ConversationKey(header().pageId(), header().senderId());
    }

    default Channel channel() {
        return header().channel();
    }

    /** A short lower-case name of the kind, stable for metric tags and logs: {@code message}, {@code read}... */
    String kind();
}
