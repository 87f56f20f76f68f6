package dev.baton.marketing;

import dev.baton.marketing.lead.Lead;
import dev.baton.marketing.lead.LeadSink;
import dev.baton.spi.Conversation;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lead step: checks what the person answered to the lead question, stores a good contact through the
 * {@link LeadSink}, thanks them and ends the flow; asks again (a bounded number of times) when it is not a
 * contact. A sink failure never loses the lead: the conversation is passed to the default app with the lead
 * in the metadata.
 */
final class LeadCollector {

    private static final Logger LOG = LoggerFactory.getLogger(LeadCollector.class);

    private final LeadSink sink;
    private final CampaignMetrics metrics;

    LeadCollector(LeadSink sink, CampaignMetrics metrics) {
        this.sink = sink;
        this.metrics = metrics;
    }

    void collect(Ending ending, Conversation conversation, Session session,
                 Campaign campaign, String text, String payload) {
        Choice choice = session.choice().flatMap(campaign::choice).orElseThrow();
        LeadCapture capture = choice.lead();
        // Messenger's email / phone quick replies put the contact in the payload; typed answers are the text.
        Optional<String> contact = LeadValidator.validate(capture.kind(), payload)
                .or(() -> LeadValidator.validate(capture.kind(), text));
        if (contact.isEmpty()) {
            metrics.leadInvalid(campaign.name());
            if (session.incrementLeadAttempts() >= capture.maxAttempts()) {
                ending.finish(conversation, session, Outcome.PASSED, "lead-invalid", null, null);
            } else {
                ending.say(conversation, session, Messages.text(capture.invalidText()));
            }
            return;
        }
        Lead lead = new Lead(campaign.name(), session.adId().orElse(null), choice.id(),
                capture.kind().configName(), contact.get(), conversation.key().pageId(),
                conversation.key().userId(), conversation.now());
        try {
            sink.accept(lead);
        } catch (RuntimeException e) {
            // The exception text may quote the contact, so only its type is logged.
            LOG.error("lead sink failed for campaign {} ({}); passing the lead on in the hand-over metadata",
                    campaign.name(), e.getClass().getName());
            metrics.leadSinkFailed(campaign.name());
            ending.finish(conversation, session, Outcome.PASSED, "lead-not-stored", lead, null);
            return;
        }
        metrics.leadStored(campaign.name(), capture.kind());
        ending.say(conversation, session, Messages.text(capture.thanks()));
        ending.finish(conversation, session, Outcome.LEAD, "lead-collected", lead, capture.then());
    }
}
