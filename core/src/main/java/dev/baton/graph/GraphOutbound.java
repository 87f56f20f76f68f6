package dev.baton.graph;

import static java.util.Objects.requireNonNull;

import dev.baton.dispatch.Outbound;
import dev.baton.event.ConversationKey;
import dev.baton.send.SendRequest;
import dev.baton.send.SendResponse;
import dev.baton.spi.ThreadControl;
import dev.baton.spi.ThreadOwnership;
import java.util.function.Supplier;

/**
 * One hosted app's {@link Outbound} over the Graph API: sends through its {@link GraphClient}, thread
 * control through the {@link ThreadControl} the deployment chose (resolved on first use when the config
 * says {@code auto}). Thread-safe.
 */
final class GraphOutbound implements Outbound {

    private final GraphClient client;
    private final Supplier<ThreadControl> threadControl;

    GraphOutbound(GraphClient client, Supplier<ThreadControl> threadControl) {
        this.client = requireNonNull(client, "client is null");
        this.threadControl = requireNonNull(threadControl, "threadControl is null");
    }

    @Override
    public SendResponse send(ConversationKey conversation, SendRequest request) {
        return client.send(conversation, request);
    }

    @Override
    public void pass(ConversationKey conversation, String targetAppId, String metadata) {
        threadControl.get().pass(conversation, targetAppId, metadata);
    }

    @Override
    public void release(ConversationKey conversation, String metadata) {
        threadControl.get().release(conversation, metadata);
    }

    @Override
    public ThreadOwnership owner(ConversationKey conversation) {
        return threadControl.get().owner(conversation);
    }

    @Override
    public java.util.Optional<String> persona(String name, String profilePictureUrl) {
        return java.util.Optional.of(client.persona(name, profilePictureUrl));
    }
}
