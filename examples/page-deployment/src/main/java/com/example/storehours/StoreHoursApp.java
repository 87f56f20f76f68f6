package com.example.storehours;

import dev.baton.event.MessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A team's own small app: people reach it through an m.me link ({@code m.me/page?ref=hours}, routed to this
 * app by the Page's link routing). It says when the store is open and whether it is open now, then hands the
 * conversation back to the Page's default app. Stateless, so safe on any thread.
 */
public final class StoreHoursApp implements ConversationApp {

    private final LocalTime opens;
    private final LocalTime closes;
    private final ZoneId zone;

    public StoreHoursApp(StoreHoursSettings settings) {
        this.opens = LocalTime.parse(settings.opens());
        this.closes = LocalTime.parse(settings.closes());
        this.zone = ZoneId.of(settings.timeZone());
    }

    @Override
    public void onReferral(ReferralEvent event, Conversation conversation) {
        answer(conversation);
    }

    @Override
    public void onMessage(MessageEvent event, Conversation conversation) {
        answer(conversation);
    }

    @Override
    public void onPostback(PostbackEvent event, Conversation conversation) {
        answer(conversation);
    }

    /** The answer for a moment: the hours, and whether the store is open then. */
    public String answerAt(Instant now) {
        LocalTime local = now.atZone(zone).toLocalTime();
        boolean open = !local.isBefore(opens) && local.isBefore(closes);
        return "We're open " + opens + "-" + closes + " (" + zone + "). Right now we're " + (open ? "open" : "closed") + ".";
    }

    private void answer(Conversation conversation) {
        if (!conversation.ownsThread()) {
            // A referral has no mid, so Meta's retry of one reaches us again after we passed the thread on:
            // answering then would be a send without owning the thread (found by the contract kit).
            return;
        }
        conversation.reply(answerAt(conversation.now()));
        // Done: the default app takes it from here (null target = the Page's default app).
        conversation.passTo(null, "store-hours answered");
    }
}
