package dev.baton.spi;

import dev.baton.event.DeliveryEvent;
import dev.baton.event.EchoEvent;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.OptinEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReactionEvent;
import dev.baton.event.ReadEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.UnknownEvent;
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

    /** An event kind this version of Baton does not know, with its raw JSON. */
    default void onUnknown(UnknownEvent event, Conversation conversation) {}

    /** Any event from {@code standby[]}: another app owns the thread; this app watches. */
    default void onStandby(WebhookEvent event, Conversation conversation) {}

    /** A timer set with {@link Conversation#schedule} came due; runs in the conversation's order like events. */
    default void onTimer(String timerName, Conversation conversation) {}
}
