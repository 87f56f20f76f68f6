package dev.baton.marketing;

import dev.baton.event.Referral;
import dev.baton.marketing.MarketingSession.Stage;
import dev.baton.marketing.lead.Lead;
import dev.baton.send.SendRequest;
import dev.baton.spi.Conversation;
import java.time.Instant;
import java.util.Optional;

/**
 * The steps of the marketing conversation: welcome, choice, outcome, finish. Stateless itself (all memory is
 * in the conversation's {@link MarketingSession}), so one instance serves every conversation. Every send is
 * preceded by an ownership check: the flow never speaks in a thread it does not own.
 */
final class MarketingFlow {

    static final String DEADLINE_TIMER = "marketing-deadline";

    private final MarketingConfig config;
    private final CampaignMatcher matcher;
    private final MarketingMetrics metrics;
    private final LeadCollector leads;
    private final MarketingEnding ending;

    MarketingFlow(MarketingConfig config, MarketingMetrics metrics, LeadCollector leads) {
        this.config = config;
        this.matcher = new CampaignMatcher(config);
        this.metrics = metrics;
        this.leads = leads;
        this.ending = new MarketingEnding(metrics);
    }

    boolean isPassRequest(String text) {
        return config.isPassKeyword(text);
    }

    /**
     * An ad (or link) referral reached the app: welcome the person unless this ad's flow already runs. With
     * {@code welcome} false (the person's first words ask to leave) the flow is attributed but says nothing.
     */
    void referred(Conversation conversation, Referral referral, Instant at, boolean welcome) {
        MarketingSession session = new MarketingSession(conversation.state());
        if (session.isActive() || !conversation.ownsThread()) {
            return;
        }
        Optional<MarketingCampaign> campaign = matcher.match(referral);
        if (campaign.isEmpty()) {
            session.pending(at);
            finish(conversation, session, MarketingOutcome.PASSED, "no-campaign", null, null);
            return;
        }
        if (welcome) {
            welcome(conversation, session, campaign.get(), referral.adId(), referral.ref(), at);
        } else {
            session.welcomed(campaign.get().name(), referral.adId(), referral.ref(), at);
            metrics.started(campaign.get().name());
        }
    }

    /** Control was passed to this app; the ad usually follows. Arms the deadline so it is never stranded. */
    void controlReceived(Conversation conversation, Instant at) {
        MarketingSession session = new MarketingSession(conversation.state());
        if (!session.isOpen()) {
            session.pending(at);
            armDeadline(conversation);
        }
    }

    /** The person wrote or tapped: {@code payload} is a quick-reply or postback payload, when any. */
    void personWrote(Conversation conversation, String text, String payload, Instant at) {
        MarketingSession session = new MarketingSession(conversation.state());
        if (config.isPassKeyword(text)) {
            if (!session.isOpen()) {
                session.pending(at);
            }
            session.firstReply(at);
            finish(conversation, session, MarketingOutcome.PASSED, "keyword", null, null);
            return;
        }
        Optional<ChoicePayload> tapped = ChoicePayload.decode(payload);
        if (!session.isActive()) {
            resume(conversation, session, tapped, at);
            return;
        }
        session.firstReply(at);
        MarketingCampaign campaign = matcher.named(session.campaign().orElseThrow()).orElseThrow();
        Optional<MarketingChoice> choice = tapped.filter(tap -> tap.campaign().equals(campaign.name()))
                .flatMap(tap -> campaign.choice(tap.choice()))
                .or(() -> campaign.choiceTyped(text));
        if (choice.isPresent()) {
            act(conversation, session, campaign, choice.get());
        } else if (session.stage() == Stage.COLLECTING) {
            leads.collect(this, conversation, session, campaign, text, payload);
        } else if (session.incrementReprompts() > config.maxReprompts()) {
            finish(conversation, session, MarketingOutcome.PASSED, "unrecognized", null, null);
        } else {
            say(conversation, session, MarketingMessages.choices(campaign, campaign.repromptText()));
        }
        if (session.isOpen()) {
            armDeadline(conversation);
        }
    }

    /** The completion deadline came: release whatever is still open. */
    void deadline(Conversation conversation) {
        MarketingSession session = new MarketingSession(conversation.state());
        if (session.isOpen()) {
            finish(conversation, session, MarketingOutcome.TIMED_OUT, "deadline", null, null);
        }
    }

    /** Another app owns the thread now: close the flow without a word. */
    void lostControl(Conversation conversation) {
        MarketingSession session = new MarketingSession(conversation.state());
        if (session.isOpen()) {
            close(conversation, session, MarketingOutcome.LOST_CONTROL);
        }
    }

    /** Another app asked for the thread: hand it over with what was learned. */
    void requested(Conversation conversation, String requesterAppId) {
        MarketingSession session = new MarketingSession(conversation.state());
        if (!session.isOpen()) {
            session.pending(conversation.now());
        }
        finishTo(conversation, session, MarketingOutcome.PASSED, "requested", null, requesterAppId, true);
    }

    private void resume(Conversation conversation, MarketingSession session, Optional<ChoicePayload> tapped,
                        Instant at) {
        Optional<MarketingCampaign> tappedCampaign = tapped.flatMap(tap -> matcher.named(tap.campaign()));
        if (tappedCampaign.isPresent() && tappedCampaign.get().choice(tapped.get().choice()).isPresent()) {
            // A tap on a welcome whose state is gone (or that raced its own referral): honour the choice.
            session.welcomed(tappedCampaign.get().name(), null, null, at);
            metrics.started(tappedCampaign.get().name());
            session.firstReply(at);
            act(conversation, session, tappedCampaign.get(), tappedCampaign.get().choice(tapped.get().choice())
                    .orElseThrow());
            return;
        }
        if (matcher.fallback().isPresent() && conversation.ownsThread()) {
            welcome(conversation, session, matcher.fallback().get(), null, null, at);
            return;
        }
        if (!session.isOpen()) {
            session.pending(at);
        }
        finish(conversation, session, MarketingOutcome.PASSED, "no-campaign", null, null);
    }

    private void welcome(Conversation conversation, MarketingSession session, MarketingCampaign campaign,
                         String adId, String ref, Instant at) {
        session.welcomed(campaign.name(), adId, ref, at);
        metrics.started(campaign.name());
        say(conversation, session, MarketingMessages.choices(campaign, campaign.welcome()));
        armDeadline(conversation);
    }

    private void act(Conversation conversation, MarketingSession session, MarketingCampaign campaign,
                     MarketingChoice choice) {
        session.chose(choice.id());
        switch (choice.action()) {
            case ANSWER -> {
                say(conversation, session, MarketingMessages.text(choice.text()));
                finish(conversation, session, MarketingOutcome.RELEASED, "answered", null, null);
            }
            case PASS -> {
                if (choice.text() != null) {
                    say(conversation, session, MarketingMessages.text(choice.text()));
                }
                finish(conversation, session, MarketingOutcome.PASSED, "chose-pass", null, null);
            }
            case LEAD -> {
                session.collecting(choice.id());
                say(conversation, session, MarketingMessages.leadPrompt(choice.lead()));
            }
        }
    }

    /** Sends when this app owns the thread; otherwise closes the flow silently. True when sent. */
    boolean say(Conversation conversation, MarketingSession session, SendRequest request) {
        return ending.say(conversation, session, request);
    }

    void finish(Conversation conversation, MarketingSession session, MarketingOutcome outcome, String why,
                Lead lead, LeadCapture.Then then) {
        boolean pass = outcome == MarketingOutcome.PASSED || then == LeadCapture.Then.PASS;
        ending.finish(conversation, session, outcome, why, lead, pass ? config.passTargetAppId() : null, pass);
    }

    private void finishTo(Conversation conversation, MarketingSession session, MarketingOutcome outcome,
                          String why, Lead lead, String target, boolean pass) {
        ending.finish(conversation, session, outcome, why, lead, target, pass);
    }

    private void close(Conversation conversation, MarketingSession session, MarketingOutcome outcome) {
        ending.close(conversation, session, outcome);
    }

    private void armDeadline(Conversation conversation) {
        conversation.schedule(DEADLINE_TIMER, conversation.now().plus(config.completionDeadline()));
    }
}
