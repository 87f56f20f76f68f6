package dev.baton.testkit.store;

import dev.baton.spi.ConversationStore;
import dev.baton.store.memory.InMemoryConversationStore;

/** The heap store against the kit; it keeps nothing across a restart, so those tests are skipped. */
class InMemoryConversationStoreContractTest extends ConversationStoreContract {

    @Override
    protected ConversationStore openStore(int dedupeCapacity) {
        return new InMemoryConversationStore(dedupeCapacity);
    }
}
