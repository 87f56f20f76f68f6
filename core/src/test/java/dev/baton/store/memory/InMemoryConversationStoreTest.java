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
    void firstSightingIsPerAppAndKey() {
        InMemoryConversationStore store = new InMemoryConversationStore(10);
        assertThat(store.firstSighting("marketing", "m1")).isTrue();
        assertThat(store.firstSighting("marketing", "m1")).isFalse();
        assertThat(store.firstSighting("default", "m1")).isTrue();
        assertThat(store.firstSighting("marketing", "m2")).isTrue();
    }

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
    void concurrentSightingsOfOneKeyAdmitExactlyOne() throws Exception {
        InMemoryConversationStore store = new InMemoryConversationStore(1000);
        AtomicInteger firsts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(() -> {
                    if (store.firstSighting("a", "same")) {
                        firsts.incrementAndGet();
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(firsts).hasValue(1);
    }

    @Test
    void refusesAZeroCapacity() {
        assertThatThrownBy(() -> new InMemoryConversationStore(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsOwnershipAndLastMessagePerConversation() {
        InMemoryConversationStore store = new InMemoryConversationStore();
        ThreadOwnership owner = new ThreadOwnership("111", T0, null, ThreadOwnership.Source.HANDOVER_EVENT);
        store.putOwnership(ALICE, owner);
        store.putLastUserMessage(ALICE, T0);
        assertThat(store.ownership(ALICE)).contains(owner);
        assertThat(store.ownership(BOB)).isEmpty();
        assertThat(store.lastUserMessage(ALICE)).contains(T0);
        assertThat(store.lastUserMessage(BOB)).isEmpty();
    }

    @Test
    void stateIsPerAppConversationAndName() {
        InMemoryConversationStore store = new InMemoryConversationStore();
        store.putState("marketing", ALICE, "step", "2");
        assertThat(store.state("marketing", ALICE, "step")).contains("2");
        assertThat(store.state("default", ALICE, "step")).isEmpty();
        assertThat(store.state("marketing", BOB, "step")).isEmpty();
        store.removeState("marketing", ALICE, "step");
        assertThat(store.state("marketing", ALICE, "step")).isEmpty();
    }

    @Test
    void timersAreListedEarliestFirstAndReplacedByName() {
        InMemoryConversationStore store = new InMemoryConversationStore();
        store.putTimer(new StoredTimer("marketing", ALICE, "idle", T0.plusSeconds(60)));
        store.putTimer(new StoredTimer("marketing", BOB, "idle", T0.plusSeconds(30)));
        store.putTimer(new StoredTimer("marketing", ALICE, "idle", T0.plusSeconds(10)));
        assertThat(store.timers()).extracting(StoredTimer::key).containsExactly(ALICE, BOB);
        store.removeTimer("marketing", ALICE, "idle");
        assertThat(store.timers()).extracting(StoredTimer::key).containsExactly(BOB);
    }
}
