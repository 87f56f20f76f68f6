package dev.baton.dispatch;

import dev.baton.event.Channel;
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
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;

/** Picks the callback for an event: every {@code standby[]} event goes to onStandby, the rest by kind. */
final class CallbackRouter {

    private CallbackRouter() {}

    static void route(ConversationApp app, WebhookEvent event, Conversation conversation) {
        if (event.channel() == Channel.STANDBY) {
            app.onStandby(event, conversation);
        } else if (event instanceof MessageEvent message) {
            app.onMessage(message, conversation);
        } else if (event instanceof EchoEvent echo) {
            app.onEcho(echo, conversation);
        } else if (event instanceof PostbackEvent postback) {
            app.onPostback(postback, conversation);
        } else if (event instanceof ReferralEvent referral) {
            app.onReferral(referral, conversation);
        } else if (event instanceof HandoverEvent handover) {
            app.onHandover(handover, conversation);
        } else if (event instanceof ReadEvent read) {
            app.onRead(read, conversation);
        } else if (event instanceof DeliveryEvent delivery) {
            app.onDelivery(delivery, conversation);
        } else if (event instanceof ReactionEvent reaction) {
            app.onReaction(reaction, conversation);
        } else if (event instanceof OptinEvent optin) {
            app.onOptin(optin, conversation);
        } else if (event instanceof MessageEditEvent edit) {
            app.onMessageEdit(edit, conversation);
        } else if (event instanceof UnsendEvent unsend) {
            app.onUnsend(unsend, conversation);
        } else if (event instanceof UnsupportedMessageEvent unsupported) {
            app.onUnsupportedMessage(unsupported, conversation);
        } else if (event instanceof PolicyEnforcementEvent policy) {
            app.onPolicyEnforcement(policy, conversation);
        } else if (event instanceof UnknownEvent unknown) {
            app.onUnknown(unknown, conversation);
        } else {
            // The family is sealed; a new kind must be routed above (Java 17 has no exhaustive pattern switch).
            throw new IllegalStateException("no callback for event kind " + event.kind());
        }
    }
}
