package dev.baton.marketing.lead;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one INFO line per lead: campaign, ad, choice, kind and the contact masked ({@code j***@example.com},
 * {@code *********89}). The person's id and the full contact are never logged: this sink proves the flow
 * works; it is not a store of leads.
 */
public final class LoggingLeadSink implements LeadSink {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingLeadSink.class);

    @Override
    public void accept(Lead lead) {
        LOG.info("lead collected: campaign={} adId={} choice={} kind={} contact={}", lead.campaign(),
                lead.adId(), lead.choice(), lead.kind(), lead.maskedContact());
    }
}
