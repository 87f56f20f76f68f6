package dev.baton.dispatch;

import dev.baton.event.ConversationKey;
import dev.baton.event.Platform;
import dev.baton.spi.Conversation;
import dev.baton.spi.HostedApp;

/**
 * Makes the {@link Conversation} a callback is given. The Graph-backed factory lives in
 * {@code dev.baton.graph}; {@code dev.baton.testing} has a recording one for tests.
 */
public interface ConversationFactory {

    Conversation open(HostedApp app, Platform platform, ConversationKey key);
}
