package dev.baton.graph;

import static java.util.Objects.requireNonNull;

import dev.baton.event.ConversationKey;
import dev.baton.ownership.OwnershipTracker;
import dev.baton.spi.ThreadControl;
import dev.baton.spi.ThreadOwnership;

/**
 * Thread control through the Handover Protocol endpoints: {@code pass_thread_control} (no target: Meta
 * passes to the default app), {@code release_thread_control}, and owner lookups through the
 * {@link OwnershipTracker} with {@code thread_owner} as the last resort. Under Conversation Routing Meta
 * still accepts pass and release this way "for now"; when it stops, calls fail with
 * {@link dev.baton.graph.error.HandoverUnavailableException} advising the Send API form. Thread-safe.
 */
public final class HandoverProtocolThreadControl implements ThreadControl {

    private final GraphClient client;
    private final GraphClient ownerLookupClient;
    private final OwnershipTracker ownership;

    /**
     * @param ownerLookupClient the client that asks {@code thread_owner}: the default app's where it is hosted
     *                          (Meta tells the default app the owner's id), else this app's
     */
    public HandoverProtocolThreadControl(GraphClient client, GraphClient ownerLookupClient, OwnershipTracker ownership) {
        this.client = requireNonNull(client, "client is null");
        this.ownerLookupClient = requireNonNull(ownerLookupClient, "ownerLookupClient is null");
        this.ownership = requireNonNull(ownership, "ownership is null");
    }

    @Override
    public void pass(ConversationKey conversation, String targetAppId, String metadata) {
        client.passThreadControl(conversation, targetAppId, metadata);
    }

    @Override
    public void release(ConversationKey conversation, String metadata) {
        client.releaseThreadControl(conversation, metadata);
    }

    @Override
    public ThreadOwnership owner(ConversationKey conversation) {
        return ownership.owner(conversation, client.appId(), ownerLookupClient::threadOwner);
    }
}
