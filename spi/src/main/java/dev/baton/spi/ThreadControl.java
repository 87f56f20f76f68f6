package dev.baton.spi;

import dev.baton.event.ConversationKey;

/**
 * Changes and reads who owns a thread, as one app. Two implementations ship: one riding on the Send API's
 * {@code thread_control} field and one on the Handover Protocol endpoints; a deployment picks one by config
 * or from the Page's {@code messaging_feature_status}.
 *
 * <p>Implementations are thread-safe. Failures are unchecked {@code dev.baton.graph.error.GraphException}s.
 */
public interface ThreadControl {

    /** Passes control to {@code targetAppId}, or to the default app when it is null. */
    void pass(ConversationKey conversation, String targetAppId, String metadata);

    /** Releases control to the default app; Meta sends no webhook. */
    void release(ConversationKey conversation, String metadata);

    /** The owner, from memory when known, else from Meta's {@code thread_owner}. */
    ThreadOwnership owner(ConversationKey conversation);
}
