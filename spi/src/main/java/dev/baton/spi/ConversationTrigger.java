package dev.baton.spi;

import dev.baton.event.ConversationKey;

/**
 * Lets input from outside Meta's webhooks (see {@link AppEndpoint}) run in a conversation's order, as the app
 * the trigger was made for. The deployment implements it on top of its timers; thread-safe.
 */
public interface ConversationTrigger {

    /**
     * Calls the app's {@link ConversationApp#onTimer} with {@code timerName} in {@code conversation}'s lane as
     * soon as possible: exactly like a timer set for now with {@link Conversation#schedule} (it replaces a
     * pending timer of the same name and is as durable as timers are). Returns without waiting.
     */
    void fire(ConversationKey conversation, String timerName);
}
