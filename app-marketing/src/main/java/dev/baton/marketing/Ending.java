package dev.baton.marketing;

import dev.baton.marketing.lead.Lead;
import dev.baton.send.SendRequest;
import dev.baton.spi.Conversation;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the flow speaks and how it ends: every send, pass and release is preceded by an ownership check, and
 * ending records the attribution (state, metrics, one log line without any person id).
 */
final class Ending {

    private static final Logger LOG = LoggerFactory.getLogger(Ending.class);

    private final Settings config;
    private final CampaignMetrics metrics;

    Ending(Settings config, CampaignMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** Sends when this app owns the thread; otherwise closes the flow silently. True when sent. */
    boolean say(Conversation conversation, Session session, SendRequest request) {
        if (!conversation.ownsThread()) {
            close(conversation, session, Outcome.LOST_CONTROL);
            return false;
        }
        conversation.send(request);
        return true;
    }

    /**
     * Ends the flow the configured way: a {@code PASSED} outcome or a lead whose capture says {@code then: pass}
     * passes to the configured target (null: the default app); anything else releases.
     */
    void finish(Conversation conversation, Session session, Outcome outcome, String why,
                Lead lead, LeadCapture.Then then) {
        boolean pass = outcome == Outcome.PASSED || then == LeadCapture.Then.PASS;
        finish(conversation, session, outcome, why, lead, pass ? config.passTargetAppId() : null, pass);
    }

    /** (Re)arms the completion deadline, so no conversation is ever stranded with this app. */
    void armDeadline(Conversation conversation) {
        conversation.schedule(Flow.DEADLINE_TIMER, conversation.now().plus(config.completionDeadline()));
    }

    /** Passes (to {@code target}, null meaning the default app) or releases, with the hand-over metadata. */
    void finish(Conversation conversation, Session session, Outcome outcome, String why,
                Lead lead, String target, boolean pass) {
        if (!session.isOpen()) {
            return;
        }
        if (!conversation.ownsThread()) {
            close(conversation, session, Outcome.LOST_CONTROL);
            return;
        }
        String metadata = HandoffMetadata.of(why, outcome, session, lead);
        if (pass) {
            conversation.passTo(target, metadata);
        } else {
            conversation.release(metadata);
        }
        close(conversation, session, outcome);
    }

    /** Ends the flow without a word to Meta: records the outcome and drops the deadline. */
    void close(Conversation conversation, Session session, Outcome outcome) {
        boolean attributed = session.campaign().isPresent();
        Instant now = conversation.now();
        Attribution attribution = Attribution.of(session, outcome, now);
        session.done(outcome, now);
        conversation.cancelTimer(Flow.DEADLINE_TIMER);
        // A thread handed to this app and taken away before any ad was seen is no marketing conversation.
        if (attributed || outcome != Outcome.LOST_CONTROL) {
            metrics.finished(attribution);
            LOG.info("marketing conversation finished: campaign={} adId={} choice={} outcome={} "
                    + "timeToFirstReply={}", attribution.campaign(), attribution.adId(), attribution.choice(),
                    outcome.tag(), attribution.timeToFirstReply().map(Object::toString).orElse("-"));
        }
    }
}
