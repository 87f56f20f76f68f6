package dev.baton.marketing;

import dev.baton.send.SendRequest;

/** Builds the Send API requests the flow sends, in one place. */
final class MarketingMessages {

    private MarketingMessages() {}

    /** The welcome (or the re-prompt) with one quick reply per choice. */
    static SendRequest choices(MarketingCampaign campaign, String text) {
        StringBuilder listed = new StringBuilder(text);
        for (MarketingChoice choice : campaign.choices()) {
            listed.append("\n- ").append(choice.title());
        }
        return SendRequest.text(listed.toString());
    }

    /** The question for a lead; Messenger can offer the person's own email or phone as a one-tap reply. */
    static SendRequest leadPrompt(LeadCapture lead) {
        return SendRequest.text(lead.prompt());
    }

    static SendRequest text(String text) {
        return SendRequest.text(text);
    }
}
