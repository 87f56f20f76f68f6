package dev.baton.marketing;

import dev.baton.event.Referral;
import dev.baton.spi.Conversation;
import java.time.Instant;
import java.util.Optional;

/**
 * How a conversation enters the flow: an ad or link referral matched to a campaign (welcome with its
 * choices), or, when the flow's state is gone, a tap on an old welcome (its choice honoured) or the fallback
 * campaign; with nothing to match the thread is passed on. Stateless; memory is in {@link MarketingSession}.
 */
final class MarketingWelcome {

    private final CampaignMatcher matcher;
    private final MarketingMetrics metrics;
    private final MarketingEnding ending;
    private final ChoiceActions choices;

    MarketingWelcome(CampaignMatcher matcher, MarketingMetrics metrics, MarketingEnding ending, ChoiceActions choices) {
        this.matcher = matcher;
        this.metrics = metrics;
        this.ending = ending;
        this.choices = choices;
    }

    /** See {@link MarketingFlow#referred}. */
    void referred(Conversation conversation, Referral referral, Instant at, boolean welcome) {
        MarketingSession session = new MarketingSession(conversation.state());
        if (session.isActive() || !conversation.ownsThread()) {
            return;
        }
        Optional<MarketingCampaign> campaign = matcher.match(referral);
        if (campaign.isEmpty()) {
            session.pending(at);
            ending.finish(conversation, session, MarketingOutcome.PASSED, "no-campaign", null, null);
            return;
        }
        if (welcome) {
            welcome(conversation, session, campaign.get(), referral.adId(), referral.ref(), at);
        } else {
            session.welcomed(campaign.get().name(), referral.adId(), referral.ref(), at);
            metrics.started(campaign.get().name());
        }
    }

    /** The person wrote while no flow was active: honour a tapped choice, welcome the fallback, or pass on. */
    void resume(Conversation conversation, MarketingSession session, Optional<ChoicePayload> tapped, Instant at) {
        Optional<MarketingCampaign> tappedCampaign = tapped.flatMap(tap -> matcher.named(tap.campaign()));
        if (tappedCampaign.isPresent() && tappedCampaign.get().choice(tapped.get().choice()).isPresent()) {
            // A tap on a welcome whose state is gone (or that raced its own referral): honour the choice.
            session.welcomed(tappedCampaign.get().name(), null, null, at);
            metrics.started(tappedCampaign.get().name());
            session.firstReply(at);
            choices.act(conversation, session, tappedCampaign.get().choice(tapped.get().choice()).orElseThrow());
            return;
        }
        if (matcher.fallback().isPresent() && conversation.ownsThread()) {
            welcome(conversation, session, matcher.fallback().get(), null, null, at);
            return;
        }
        if (!session.isOpen()) {
            session.pending(at);
        }
        ending.finish(conversation, session, MarketingOutcome.PASSED, "no-campaign", null, null);
    }

    private void welcome(Conversation conversation, MarketingSession session, MarketingCampaign campaign,
                         String adId, String ref, Instant at) {
        session.welcomed(campaign.name(), adId, ref, at);
        metrics.started(campaign.name());
        ending.say(conversation, session, MarketingMessages.choices(campaign, campaign.welcome()));
        ending.armDeadline(conversation);
    }
}
