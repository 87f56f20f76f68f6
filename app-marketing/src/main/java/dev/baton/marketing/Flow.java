package dev.baton.marketing;

import dev.baton.event.Referral;
import dev.baton.marketing.Session.Stage;
import dev.baton.spi.Conversation;
import java.time.Instant;
import java.util.Optional;

/**
 * The steps of the marketing conversation: welcome ({@link Welcome}), choice ({@link ChoiceActions}),
 * lead ({@link LeadCollector}), finish ({@link Ending}); this class routes each event to its step.
 * Stateless itself (all memory is in the conversation's {@link Session}), so one instance serves
 * every conversation. Every send is preceded by an ownership check: the flow never speaks in a thread it
 * does not own.
 */
final class Flow {

    static final String DEADLINE_TIMER = "marketing-deadline";

    private final Settings config;
    private final CampaignMatcher matcher;
    private final LeadCollector leads;
    private final Ending ending;
    private final ChoiceActions choices;
    private final Welcome entry;

    Flow(Settings config, CampaignMetrics metrics, LeadCollector leads) {
        this.config = config;
        this.matcher = new CampaignMatcher(config);
        this.leads = leads;
        this.ending = new Ending(config, metrics);
        this.choices = new ChoiceActions(ending);
        this.entry = new Welcome(matcher, metrics, ending, choices);
    }

    boolean isPassRequest(String text) {
        return config.isPassKeyword(text);
    }

    /**
     * An ad (or link) referral reached the app: welcome the person unless this ad's flow already runs. With
     * {@code welcome} false (the person's first words ask to leave) the flow is attributed but says nothing.
     */
    void referred(Conversation conversation, Referral referral, Instant at, boolean welcome) {
        entry.referred(conversation, referral, at, welcome);
    }

    /** Control was passed to this app; the ad usually follows. Arms the deadline so it is never stranded. */
    void controlReceived(Conversation conversation, Instant at) {
        Session session = new Session(conversation.state());
        if (!session.isOpen()) {
            session.pending(at);
            ending.armDeadline(conversation);
        }
    }

    /** The person wrote or tapped: {@code payload} is a quick-reply or postback payload, when any. */
    void personWrote(Conversation conversation, String text, String payload, Instant at) {
        Session session = new Session(conversation.state());
        if (config.isPassKeyword(text)) {
            if (!session.isOpen()) {
                session.pending(at);
            }
            session.firstReply(at);
            finish(conversation, session, Outcome.PASSED, "keyword");
            return;
        }
        Optional<ChoicePayload> tapped = ChoicePayload.decode(payload);
        if (!session.isActive()) {
            entry.resume(conversation, session, tapped, at);
            return;
        }
        session.firstReply(at);
        Campaign campaign = matcher.named(session.campaign().orElseThrow()).orElseThrow();
        Optional<Choice> choice = tapped.filter(tap -> tap.campaign().equals(campaign.name()))
                .flatMap(tap -> campaign.choice(tap.choice()))
                .or(() -> campaign.choiceTyped(text));
        if (choice.isPresent()) {
            choices.act(conversation, session, choice.get());
        } else if (session.stage() == Stage.COLLECTING) {
            leads.collect(ending, conversation, session, campaign, text, payload);
        } else if (session.incrementReprompts() > config.maxReprompts()) {
            finish(conversation, session, Outcome.PASSED, "unrecognized");
        } else {
            ending.say(conversation, session, Messages.choices(campaign, campaign.repromptText()));
        }
        if (session.isOpen()) {
            ending.armDeadline(conversation);
        }
    }

    /** The completion deadline came: release whatever is still open. */
    void deadline(Conversation conversation) {
        Session session = new Session(conversation.state());
        if (session.isOpen()) {
            finish(conversation, session, Outcome.TIMED_OUT, "deadline");
        }
    }

    /** Another app owns the thread now: close the flow without a word. */
    void lostControl(Conversation conversation) {
        Session session = new Session(conversation.state());
        if (session.isOpen()) {
            ending.close(conversation, session, Outcome.LOST_CONTROL);
        }
    }

    /** Another app asked for the thread: hand it over with what was learned. */
    void requested(Conversation conversation, String requesterAppId) {
        Session session = new Session(conversation.state());
        if (!session.isOpen()) {
            session.pending(conversation.now());
        }
        ending.finish(conversation, session, Outcome.PASSED, "requested", null, requesterAppId, true);
    }

    private void finish(Conversation conversation, Session session, Outcome outcome, String why) {
        ending.finish(conversation, session, outcome, why, null, null);
    }
}
