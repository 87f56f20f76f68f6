package dev.baton.emulator.engine;

import dev.baton.event.Channel;
import dev.baton.event.DeliveryEvent;
import dev.baton.event.EchoEvent;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.OptinEvent;
import dev.baton.event.Platform;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReactionEvent;
import dev.baton.event.ReadEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.WebhookEvent;

/**
 * The webhook field an event is delivered under (platform-facts §7): a copy in {@code standby[]} comes under
 * {@code standby} whatever it carries; otherwise the event's own field, with Instagram's spellings (echoes
 * inside {@code messages}, reads as {@code messaging_seen}, singular {@code messaging_referral} and
 * {@code messaging_handover}).
 */
final class WebhookField {

    private WebhookField() {}

    /** The field name, or null for an event Meta names no field for (delivered to every subscribed app). */
    static String of(WebhookEvent event, Platform platform) {
        if (event.channel() == Channel.STANDBY) {
            return "standby";
        }
        boolean instagram = platform == Platform.INSTAGRAM;
        if (event instanceof MessageEvent) {
            return "messages";
        }
        if (event instanceof EchoEvent) {
            return instagram ? "messages" : "message_echoes";
        }
        if (event instanceof PostbackEvent) {
            return "messaging_postbacks";
        }
        if (event instanceof ReferralEvent) {
            return instagram ? "messaging_referral" : "messaging_referrals";
        }
        if (event instanceof HandoverEvent) {
            return instagram ? "messaging_handover" : "messaging_handovers";
        }
        if (event instanceof ReadEvent) {
            return instagram ? "messaging_seen" : "message_reads";
        }
        if (event instanceof DeliveryEvent) {
            return "message_deliveries";
        }
        if (event instanceof ReactionEvent) {
            return "message_reactions";
        }
        if (event instanceof OptinEvent) {
            return "messaging_optins";
        }
        return null; // UnknownEvent: no field to check
    }
}
