package dev.baton.marketing;

import dev.baton.spi.Conversation;

/**
 * What a recognised choice does: answer and release, (say a word and) pass, or ask the lead question.
 * Stateless; every word goes through {@link MarketingEnding}, so nothing is said in a thread the app lost.
 */
final class ChoiceActions {

    private final MarketingEnding ending;

    ChoiceActions(MarketingEnding ending) {
        this.ending = ending;
    }

    void act(Conversation conversation, MarketingSession session, MarketingChoice choice) {
        session.chose(choice.id());
        switch (choice.action()) {
            case ANSWER -> {
                ending.say(conversation, session, MarketingMessages.text(choice.text()));
                ending.finish(conversation, session, MarketingOutcome.RELEASED, "answered", null, null);
            }
            case PASS -> {
                if (choice.text() != null) {
                    ending.say(conversation, session, MarketingMessages.text(choice.text()));
                }
                ending.finish(conversation, session, MarketingOutcome.PASSED, "chose-pass", null, null);
            }
            case LEAD -> {
                session.collecting(choice.id());
                ending.say(conversation, session, MarketingMessages.leadPrompt(choice.lead()));
            }
        }
    }
}
