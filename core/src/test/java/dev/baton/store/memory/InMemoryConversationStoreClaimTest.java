package dev.baton.store.memory;

import static dev.baton.spi.ConversationStore.Claim.DUPLICATE;
import static dev.baton.spi.ConversationStore.Claim.NEW;
import static dev.baton.spi.ConversationStore.Claim.SAME_CLAIMANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.spi.ConversationStore.Claim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryConversationStoreClaimTest {

    @Test
    void aClaimTellsTheSameClaimantFromAnother() {
        InMemoryConversationStore store = new InMemoryConversationStore(10);
        assertThat(store.claim("shop", "message:m1", "7:0")).isEqualTo(NEW);
        assertThat(store.claim("shop", "message:m1", "7:0")).isEqualTo(SAME_CLAIMANT);
        assertThat(store.claim("shop", "message:m1", "9:2")).isEqualTo(DUPLICATE);
        assertThat(store.claim("shop", "message:m1", "7:0")).as("a repeat did not take the key over")
                .isEqualTo(SAME_CLAIMANT);
        assertThat(store.claim("other", "message:m1", "9:2")).as("per app").isEqualTo(NEW);
    }

    @Test
    void claimsAndFirstSightingsShareTheKeys() {
        InMemoryConversationStore store = new InMemoryConversationStore(10);
        assertThat(store.firstSighting("shop", "message:m1")).isTrue();
        assertThat(store.claim("shop", "message:m1", "7:0")).as("sighted without a claimant").isEqualTo(DUPLICATE);
        assertThat(store.claim("shop", "message:m1", "")).as("the empty claimant is not 'none'").isEqualTo(DUPLICATE);
        assertThat(store.claim("shop", "message:m2", "8:0")).isEqualTo(NEW);
        assertThat(store.firstSighting("shop", "message:m2")).isFalse();
        assertThat(store.claim("shop", "message:m2", "8:0")).as("a sighting did not erase the claimant")
                .isEqualTo(SAME_CLAIMANT);
    }

    @Test
    void claimedKeysCountAgainstTheCapacity() {
        InMemoryConversationStore store = new InMemoryConversationStore(2);
        store.claim("a", "1", "c1");
        store.claim("a", "2", "c2");
        assertThat(store.claim("a", "1", "c1")).isEqualTo(SAME_CLAIMANT); // 1 is now the most recent
        store.claim("a", "3", "c3"); // evicts 2
        assertThat(store.dedupeKeyCount()).isEqualTo(2);
        assertThat(store.claim("a", "3", "c3")).isEqualTo(SAME_CLAIMANT);
        assertThat(store.claim("a", "2", "c9")).as("forgotten, so new again (evicts 1)").isEqualTo(NEW);
        assertThat(store.claim("a", "3", "c3")).isEqualTo(SAME_CLAIMANT);
        assertThat(store.claim("a", "1", "c1")).as("forgotten").isEqualTo(NEW);
    }

    @Test
    void ofConcurrentClaimsOfOneKeyExactlyOneIsNew() throws Exception {
        InMemoryConversationStore store = new InMemoryConversationStore(1000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Claim>> futures = new ArrayList<>();
            Map<Integer, String> claimants = new ConcurrentHashMap<>();
            for (int i = 0; i < 100; i++) {
                String claimant = "b" + (i % 2) + ":0";
                claimants.put(i, claimant);
                futures.add(pool.submit(() -> {
                    start.await();
                    return store.claim("a", "same", claimant);
                }));
            }
            start.countDown();
            List<Claim> results = new ArrayList<>();
            for (Future<Claim> future : futures) {
                results.add(future.get());
            }
            assertThat(results).filteredOn(NEW::equals).hasSize(1);
            int winner = results.indexOf(NEW);
            for (int i = 0; i < results.size(); i++) {
                Claim expected = i == winner ? NEW
                        : claimants.get(i).equals(claimants.get(winner)) ? SAME_CLAIMANT : DUPLICATE;
                assertThat(results.get(i)).as("claim %d", i).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nullsAreRefusedAndChangeNothing() {
        InMemoryConversationStore store = new InMemoryConversationStore(10);
        assertThatThrownBy(() -> store.claim("a", "k", null)).hasMessage("claimant is null");
        assertThatThrownBy(() -> store.claim("a", null, "c")).hasMessage("eventKey is null");
        assertThatThrownBy(() -> store.claim(null, "k", "c")).hasMessage("appName is null");
        assertThat(store.dedupeKeyCount()).isZero();
    }
}
