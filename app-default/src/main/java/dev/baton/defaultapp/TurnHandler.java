package dev.baton.defaultapp;

import dev.baton.spi.Conversation;

/**
 * The Java extension point of the default app: a team's own handler, tried after escalation and before the
 * YAML intents. Bind implementations with {@link TurnHandlers#bind(com.google.inject.Binder)}; they are
 * tried in binding order.
 *
 * <p>Threading: called in the conversation's lane (one turn at a time per conversation, conversations in
 * parallel), so an implementation shared across conversations must be thread-safe. The app has already
 * checked that it owns the thread. A handler answers through {@code conversation} (send, reply); it should
 * not pass or release control itself — ask for a person with the configured escalation instead.
 */
public interface TurnHandler {

    /** Returns true when this handler answered the turn (the chain stops), false to let the next one try. */
    boolean handle(Turn turn, Conversation conversation);
}
