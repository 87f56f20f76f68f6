package dev.baton.marketing;

import dev.baton.send.QuickReply;
import dev.baton.send.SendRequest;
import java.util.List;

/** Builds the Send API requests the flow sends, in one place. */
final class Messages {

    private Messages() {}

    /** The welcome (or the re-prompt) with one quick reply per choice; payloads name campaign and choice. */
    static SendRequest choices(Campaign campaign, String text) {
        List<QuickReply> replies = campaign.choices().stream()
                .map(choice -> QuickReply.text(choice.title(),
                        new ChoicePayload(campaign.name(), choice.id()).encode()))
                .toList();
        return SendRequest.quickReplies(text, replies);
    }

    /**
     * The question for a lead, with Messenger's one-tap quick reply offering the person's own email or phone
     * number (the tapped value arrives as the quick reply's payload).
     */
    static SendRequest leadPrompt(LeadCapture lead) {
        QuickReply ownContact = switch (lead.kind()) {
            case EMAIL -> QuickReply.userEmail();
            case PHONE -> QuickReply.userPhoneNumber();
        };
        return SendRequest.quickReplies(lead.prompt(), List.of(ownContact));
    }

    static SendRequest text(String text) {
        return SendRequest.text(text);
    }
}
