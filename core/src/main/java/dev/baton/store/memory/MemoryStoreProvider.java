package dev.baton.store.memory;

import dev.baton.spi.StoreConfigException;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProvider;
import dev.baton.spi.Stores;
import java.util.Set;

/**
 * {@code store.type: memory}: the heap stores, for tests and demos (unhandled events are lost with the
 * process). One key: {@code dedupeCapacity} (how many event keys are remembered, default 100,000).
 */
public final class MemoryStoreProvider implements StoreProvider {

    public static final String TYPE = "memory";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Stores open(StoreContext context) {
        context.options().refuseUnknown(Set.of("dedupeCapacity"));
        int capacity = context.options().intValue("dedupeCapacity")
                .orElse(InMemoryConversationStore.DEFAULT_DEDUPE_CAPACITY);
        if (capacity < 1) {
            throw new StoreConfigException("dedupeCapacity", "must be at least 1");
        }
        return new MemoryStores(new InMemoryEventJournal(), new InMemoryConversationStore(capacity));
    }

    /** The two heap stores; closing closes both. */
    public record MemoryStores(InMemoryEventJournal journal, InMemoryConversationStore store) implements Stores {

        @Override
        public void close() {
            journal.close();
            store.close();
        }
    }
}
