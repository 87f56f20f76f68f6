package dev.baton.marketing;

import dev.baton.event.EventHeader;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.Referral;
import dev.baton.event.ReferralEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.marketing.lead.LeadSink;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.RedeliveryGuard;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;

/**
 * The Click-to-Message ad role: welcomes the person who tapped an ad with the campaign's quick replies, then
 * answers and releases, collects a lead, or passes to the default app with what it learned; releases anything
 * left open at the completion deadline; passes at once on "stop", "agent" and the like.
 *
 * <p>Robust to what Meta really delivers: a duplicate referral or hand-over (these have no {@code mid}, so the
 * dispatcher cannot drop them) is recognised by its timestamp and ignored; events older than the flow's last
 * end are ignored; standby events close the flow silently; nothing is sent unless this app owns the thread.
 *
 * <p>Threading: one instance serves all conversations; callbacks of one conversation never overlap (the
 * dispatcher's promise) and all per-conversation memory is in its {@code ConversationState}.
 *
 * <p>After a crash: a message, postback, referral or hand-over handed over again ({@code redelivered()}) that
 * the app had finished is not handled again ({@link RedeliveryGuard}); one it had not finished is handled
 * in full, so one of its effects may repeat (at least once).
 */
public final class MarketingApp implements ConversationApp {

    private final Flow flow;
    private final RedeliveryGuard redelivery = new RedeliveryGuard("lastDone");
    private final CampaignMetrics metrics;

    /**
     * @param config   the instance's settings
     * @param sink     where leads go
     * @param registry meters are registered here, tagged with {@code appName}
     * @param appName  the hosted app's instance name
     */
    public MarketingApp(Settings config, LeadSink sink, MeterRegistry registry, String appName) {
        this.metrics = new CampaignMetrics(registry, appName);
        this.flow = new Flow(config, metrics, new LeadCollector(sink, metrics));
    }

    /** Handles an event unless it is a redelivery of the last one this app finished (then counted). */
    private void once(WebhookEvent event, Conversation conversation, Runnable handling) {
        if (!redelivery.runOnce(event, conversation, handling)) {
            metrics.redeliveredSkipped();
        }
    }

    @Override
    public void onMessage(MessageEvent event, Conversation conversation) {
        once(event, conversation, () -> handle(event, conversation));
    }

    private void handle(MessageEvent event, Conversation conversation) {
        Instant at = timestamp(event.header(), conversation);
        new Session(conversation.state()).sawEvent(at);
        String text = event.message().text();
        Referral referral = event.message().referral();
        if (referral == null) {
            flow.personWrote(conversation, text, event.message().quickReplyPayload(), at);
            return;
        }
        if (isStale(conversation, at) || !fresh(conversation, "lastReferral", referralKey(referral, at))) {
            return;
        }
        // The first message of an ad tap is the ad's canned text, not an answer to a welcome not yet seen;
        // only a request to leave is acted on (and then the welcome is not sent at all).
        boolean leaving = flow.isPassRequest(text);
        flow.referred(conversation, referral, at, !leaving);
        if (leaving) {
            flow.personWrote(conversation, text, null, at);
        }
    }

    @Override
    public void onPostback(PostbackEvent event, Conversation conversation) {
        once(event, conversation, () -> handle(event, conversation));
    }

    private void handle(PostbackEvent event, Conversation conversation) {
        Instant at = timestamp(event.header(), conversation);
        new Session(conversation.state()).sawEvent(at);
        Referral referral = event.referral();
        if (referral == null) {
            flow.personWrote(conversation, event.title(), event.payload(), at);
            return;
        }
        if (isStale(conversation, at) || !fresh(conversation, "lastReferral", referralKey(referral, at))) {
            return;
        }
        // A Get Started or welcome-template button that carries the ad: the tap is the start, not an answer.
        flow.referred(conversation, referral, at, true);
    }

    @Override
    public void onReferral(ReferralEvent event, Conversation conversation) {
        once(event, conversation, () -> handle(event, conversation));
    }

    private void handle(ReferralEvent event, Conversation conversation) {
        Instant at = timestamp(event.header(), conversation);
        if (!isStale(conversation, at)
                && fresh(conversation, "lastReferral", referralKey(event.referral(), at))) {
            flow.referred(conversation, event.referral(), at, true);
        }
    }

    @Override
    public void onHandover(HandoverEvent event, Conversation conversation) {
        once(event, conversation, () -> handle(event, conversation));
    }

    private void handle(HandoverEvent event, Conversation conversation) {
        Instant at = timestamp(event.header(), conversation);
        if (isStale(conversation, at)
                || !fresh(conversation, "lastHandover", event.kind() + "@" + event.header().timestamp())) {
            return;
        }
        if (event instanceof HandoverEvent.PassThreadControl pass) {
            gainedOrLost(conversation, pass.newOwnerAppId(), at);
        } else if (event instanceof HandoverEvent.TakeThreadControl take) {
            gainedOrLost(conversation, take.newOwnerAppId(), at);
        } else if (event instanceof HandoverEvent.RequestThreadControl request) {
            flow.requested(conversation, request.requestedOwnerAppId());
        }
    }

    @Override
    public void onStandby(WebhookEvent event, Conversation conversation) {
        flow.lostControl(conversation);
    }

    @Override
    public void onTimer(String timerName, Conversation conversation) {
        if (Flow.DEADLINE_TIMER.equals(timerName)) {
            flow.deadline(conversation);
        }
    }

    private void gainedOrLost(Conversation conversation, String newOwnerAppId, Instant at) {
        if (conversation.appId().equals(newOwnerAppId)) {
            flow.controlReceived(conversation, at);
        } else {
            flow.lostControl(conversation);
        }
    }

    /**
     * An entry event older than the newest event seen before the flow last ended is a late or repeated
     * delivery: acting on it would welcome again. Compares Meta's timestamps only, never the local clock.
     */
    private static boolean isStale(Conversation conversation, Instant at) {
        Session session = new Session(conversation.state());
        boolean stale = session.closedAfter().map(at::isBefore).orElse(false);
        session.sawEvent(at);
        return stale;
    }

    /**
     * True the first time a referral or hand-over is seen. A redelivery after a crash that did not finish it
     * (the finished ones never get here) counts as fresh too: its effects may not have happened yet.
     */
    private static boolean fresh(Conversation conversation, String slot, String key) {
        return new Session(conversation.state()).firstSighting(slot, key) || conversation.redelivered();
    }

    private static String referralKey(Referral referral, Instant at) {
        return at.toEpochMilli() + "|" + referral.adId() + "|" + referral.ref();
    }

    private static Instant timestamp(EventHeader header, Conversation conversation) {
        return header.timestamp() > 0 ? Instant.ofEpochMilli(header.timestamp()) : conversation.now();
    }
}
