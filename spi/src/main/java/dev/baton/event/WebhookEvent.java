package dev.baton.event;

/**
 * One event of a webhook entry. The family is closed so that a {@code switch} over it is checked by the
 * compiler; anything Meta adds later, or an event whose shape does not fit its record, arrives as
 * {@link UnknownEvent}. Every event, typed or not, keeps its exact JSON ({@link #raw()}).
 */
public sealed interface WebhookEvent
        permits MessageEvent, EchoEvent, ReferralEvent, PostbackEvent, HandoverEvent, ReadEvent, DeliveryEvent,
                ReactionEvent, OptinEvent, MessageEditEvent, UnsendEvent, UnsupportedMessageEvent,
                PolicyEnforcementEvent, UnknownEvent {

    EventHeader header();

    /**
     * The conversation this event belongs to; the person is the sender, except on echoes. Page-level events
     * (no person: {@code policy_enforcement}, {@code app_roles} without a sender) have the user id {@code ""}:
     * one lane per Page. See {@link EventHeader#senderKey()} for senders known only by {@code user_ref}.
     */
    default ConversationKey conversation() {
        return new ConversationKey(header().pageId(), header().senderKey());
    }

    /** The exact JSON of this event as Meta sent it ({@link RawJson#NONE} for an event built in code). */
    default RawJson raw() {
        return header().raw();
    }

    default Channel channel() {
        return header().channel();
    }

    /** A short lower-case name of the kind, stable for metric tags and logs: {@code message}, {@code read}... */
    String kind();
}
