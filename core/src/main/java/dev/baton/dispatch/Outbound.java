package dev.baton.dispatch;

import dev.baton.event.ConversationKey;
import dev.baton.send.SendRequest;
import dev.baton.send.SendResponse;
import dev.baton.spi.ThreadOwnership;

/**
 * What one hosted app says to Meta: the outgoing half of a {@link dev.baton.spi.Conversation}. The
 * dispatcher's conversation delegates here; {@code dev.baton.graph} implements it over the Graph API and
 * {@code dev.baton.testing} has a recording one. Thread-safe; calls block until answered and fail with
 * unchecked {@code dev.baton.graph.error.GraphException}s.
 */
public interface Outbound {

    /** Sends as this app; a request without a recipient goes to {@code conversation}'s person. */
    SendResponse send(ConversationKey conversation, SendRequest request);

    /** Passes control to {@code targetAppId}, or to the default app when it is null. */
    void pass(ConversationKey conversation, String targetAppId, String metadata);

    void release(ConversationKey conversation, String metadata);

    ThreadOwnership owner(ConversationKey conversation);

    /**
     * The id of the Page's persona called {@code name}, made on first use and reused after; empty where this
     * outbound cannot make personas (the default, for test doubles).
     */
    default java.util.Optional<String> persona(String name, String profilePictureUrl) {
        return java.util.Optional.empty();
    }
}
