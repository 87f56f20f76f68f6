package dev.baton.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.event.ConversationKey;
import dev.baton.spi.ConversationStore.StoredTimer;
import dev.baton.spi.ThreadOwnership;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryConversationStoreTest {

    private static final ConversationKey ALICE = new ConversationKey("100", "alice");
    private static final ConversationKey BOB = new ConversationKey("100", "bob");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");


    @Test
    void dedupeKeysAreBoundedAndTheLeastRecentlySeenGoesFirst() {
        InMemoryConversationStore store = new InMemoryConversationStore(3);
        store.firstSighting("a", "1");
        store.firstSighting("a", "2");
        store.firstSighting("a", "3");
        assertThat(store.firstSighting("a", "1")).isFalse(); // 1 is now the most recently seen
        store.firstSighting("a", "4"); // evicts 2
        assertThat(store.dedupeKeyCount()).isEqualTo(3);
        assertThat(store.firstSighting("a", "1")).isFalse();
        assertThat(store.firstSighting("a", "2")).isTrue();
    }


    @Test
    void refusesAZeroCapacity() {
        assertThatThrownBy(() -> new InMemoryConversationStore(0)).isInstanceOf(IllegalArgumentException.class);
    }



}
