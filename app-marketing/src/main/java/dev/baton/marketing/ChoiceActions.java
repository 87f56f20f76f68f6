package dev.baton.marketing;

import dev.baton.spi.Conversation;

/**
 * What a recognised choice does: answer and release, (say a word and) pass, or ask the lead question.
 * Stateless; every word goes through {@link Ending}, so nothing is said in a thread the app lost.
 */
final class ChoiceActions {

    private final Ending ending;

    ChoiceActions(Ending ending) {
        this.ending = ending;
    }

    void act(Conversation conversation, Session session, Choice choice) {
        session.chose(choice.id());
        switch (choice.action()) {
            case ANSWER -> {
                ending.say(conversation, session, Messages.text(choice.text()));
                ending.finish(conversation, session, Outcome.RELEASED, "answered", null, null);
            }
            case PASS -> {
                if (choice.text() != null) {
                    ending.say(conversation, session, Messages.text(choice.text()));
                }
                ending.finish(conversation, session, Outcome.PASSED, "chose-pass", null, null);
            }
            case LEAD -> {
                session.collecting(choice.id());
                ending.say(conversation, session, Messages.leadPrompt(choice.lead()));
            }
        }
    }
}
