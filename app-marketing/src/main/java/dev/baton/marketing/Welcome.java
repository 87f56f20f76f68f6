package dev.baton.marketing;

import dev.baton.event.Referral;
import dev.baton.spi.Conversation;
import java.time.Instant;
import java.util.Optional;

/**
 * How a conversation enters the flow: an ad or link referral matched to a campaign (welcome with its
 * choices), or, when the flow's state is gone, a tap on an old welcome (its choice honoured) or the fallback
 * campaign; with nothing to match the thread is passed on. Stateless; memory is in {@link Session}.
 */
final class Welcome {

    private final CampaignMatcher matcher;
    private final CampaignMetrics metrics;
    private final Ending ending;
    private final ChoiceActions choices;

    Welcome(CampaignMatcher matcher, CampaignMetrics metrics, Ending ending, ChoiceActions choices) {
        this.matcher = matcher;
        this.metrics = metrics;
        this.ending = ending;
        this.choices = choices;
    }

    /** See {@link Flow#referred}. */
    void referred(Conversation conversation, Referral referral, Instant at, boolean welcome) {
        Session session = new Session(conversation.state());
        if (session.isActive() || !conversation.ownsThread()) {
            return;
        }
        Optional<Campaign> campaign = matcher.match(referral);
        if (campaign.isEmpty()) {
            session.pending(at);
            ending.finish(conversation, session, Outcome.PASSED, "no-campaign", null, null);
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
    void resume(Conversation conversation, Session session, Optional<ChoicePayload> tapped, Instant at) {
        Optional<Campaign> tappedCampaign = tapped.flatMap(tap -> matcher.named(tap.campaign()));
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
        ending.finish(conversation, session, Outcome.PASSED, "no-campaign", null, null);
    }

    private void welcome(Conversation conversation, Session session, Campaign campaign,
                         String adId, String ref, Instant at) {
        session.welcomed(campaign.name(), adId, ref, at);
        metrics.started(campaign.name());
        ending.say(conversation, session, Messages.choices(campaign, campaign.welcome()));
        ending.armDeadline(conversation);
    }
}
