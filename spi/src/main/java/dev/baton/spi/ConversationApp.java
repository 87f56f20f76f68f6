package dev.baton.spi;

import dev.baton.event.DeliveryEvent;
import dev.baton.event.EchoEvent;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEditEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.OptinEvent;
import dev.baton.event.PolicyEnforcementEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReactionEvent;
import dev.baton.event.ReadEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.UnknownEvent;
import dev.baton.event.UnsendEvent;
import dev.baton.event.UnsupportedMessageEvent;
import dev.baton.event.WebhookEvent;

/**
 * An app taking part in Conversation Routing: the code a team writes. Every callback is a no-op by default.
 *
 * <p>Threading and ordering: callbacks for one conversation run one at a time, in the order the events
 * arrived, across every app hosted in the deployment; callbacks for different conversations run in
 * parallel. A callback runs once per event as far as the app can see (duplicates from Meta's retries are
 * dropped before it). A callback that throws is logged and counted; the conversation goes on with its next
 * event.
 *
 * <p>Events from {@code messaging[]} (this app owns the thread, or no default app is set) arrive at the
 * kind-specific callbacks; events from {@code standby[]} (another app owns the thread) arrive at
 * {@link #onStandby} only. Handover events update the deployment's record of the owner before the callback.
 *
 * <p>Every event carries its exact JSON ({@code event.raw()}), so a field this version does not model is
 * still within reach. Events without a person ({@code policy_enforcement}, {@code app_roles} without a
 * sender) run in a Page-level conversation whose {@code key().userId()} is {@code ""}.
 */
public interface ConversationApp {

    default void onMessage(MessageEvent event, Conversation conversation) {}

    /** A message the Page sent: by this app, another app, or a human in the Page Inbox ({@code appId}). */
    default void onEcho(EchoEvent event, Conversation conversation) {}

    default void onPostback(PostbackEvent event, Conversation conversation) {}

    default void onReferral(ReferralEvent event, Conversation conversation) {}

    /** Control was passed to or taken by this app, or another app asks for it. */
    default void onHandover(HandoverEvent event, Conversation conversation) {}

    default void onRead(ReadEvent event, Conversation conversation) {}

    default void onDelivery(DeliveryEvent event, Conversation conversation) {}

    default void onReaction(ReactionEvent event, Conversation conversation) {}

    default void onOptin(OptinEvent event, Conversation conversation) {}

    /**
     * The person edited an earlier message ({@code message_edits}): {@code event.mid()} names it, {@code text}
     * is the new text. Not a new message; the default ignores it. Edits of one message are told apart by
     * {@code numEdit}, so each edit arrives once.
     */
    default void onMessageEdit(MessageEditEvent event, Conversation conversation) {}

    /**
     * The person unsent the message {@code event.mid()} (Instagram's {@code is_deleted}). Not a new message;
     * an app that stored or forwarded it (a helpdesk ticket, a lead) may want to withdraw it.
     */
    default void onUnsend(UnsendEvent event, Conversation conversation) {}

    /**
     * The person sent something Meta does not pass to apps ({@code is_unsupported}): there is no content to
     * read. It is not handed to {@link #onMessage} as an empty message; an app may answer that it cannot read
     * it, like any reply within the messaging window.
     */
    default void onUnsupportedMessage(UnsupportedMessageEvent event, Conversation conversation) {}

    /**
     * Meta warned, blocked or unblocked this app on the Page ({@code messaging_policy_enforcement}). It is
     * about the Page, not a person: {@code conversation} is the Page-level one ({@code key().userId()} is
     * {@code ""}), in which nothing can be sent. It runs in that Page-level lane, ordered with the Page's other
     * person-less events; an app would typically alert its operators, and stop sending after a {@code block}.
     */
    default void onPolicyEnforcement(PolicyEnforcementEvent event, Conversation conversation) {}

    /**
     * An event Baton cannot type: a kind it does not know, or a known kind whose shape does not fit its
     * record. {@link UnknownEvent#reason()} and {@link UnknownEvent#path()} say which; {@code event.raw()}
     * holds the exact JSON.
     */
    default void onUnknown(UnknownEvent event, Conversation conversation) {}

    /** Any event from {@code standby[]}: another app owns the thread; this app watches. */
    default void onStandby(WebhookEvent event, Conversation conversation) {}

    /** A timer set with {@link Conversation#schedule} came due; runs in the conversation's order like events. */
    default void onTimer(String timerName, Conversation conversation) {}
}
