package dev.baton.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.event.ConversationKey;
import dev.baton.spi.ConversationStore.Claim;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A third-party store written before {@code claim} existed still compiles and dedupes (at most once). */
class ConversationStoreDefaultClaimTest {

    /** Only what the SPI demanded before: {@code firstSighting} and friends, no {@code claim}. */
    private static final class OlderStore implements ConversationStore {
        final Set<String> keys = new HashSet<>();

        @Override
        public boolean firstSighting(String appName, String eventKey) {
            return keys.add(appName + "/" + eventKey);
        }

        @Override
        public Optional<ThreadOwnership> ownership(ConversationKey key) {
            return Optional.empty();
        }

        @Override
        public void putOwnership(ConversationKey key, ThreadOwnership ownership) {}

        @Override
        public Optional<Instant> lastUserMessage(ConversationKey key) {
            return Optional.empty();
        }

        @Override
        public void putLastUserMessage(ConversationKey key, Instant at) {}

        @Override
        public Optional<String> state(String appName, ConversationKey key, String name) {
            return Optional.empty();
        }

        @Override
        public void putState(String appName, ConversationKey key, String name, String value) {}

        @Override
        public void removeState(String appName, ConversationKey key, String name) {}

        @Override
        public void putTimer(StoredTimer timer) {}

        @Override
        public void removeTimer(String appName, ConversationKey key, String timerName) {}

        @Override
        public List<StoredTimer> timers() {
            return List.of();
        }

        @Override
        public void close() {}
    }

    @Test
    void theDefaultClaimIsFirstSightingAndNeverTheSameClaimant() {
        OlderStore store = new OlderStore();
        assertThat(store.claim("shop", "message:m1", "1:0")).isEqualTo(Claim.NEW);
        assertThat(store.claim("shop", "message:m1", "1:0")).isEqualTo(Claim.DUPLICATE);
        assertThat(store.claim("shop", "message:m1", "2:0")).isEqualTo(Claim.DUPLICATE);
        assertThat(store.keys).containsExactly("shop/message:m1");
    }

    @Test
    void aNullClaimantIsRefusedBeforeAnythingIsRecorded() {
        OlderStore store = new OlderStore();
        assertThatThrownBy(() -> store.claim("shop", "message:m1", null)).hasMessage("claimant is null");
        assertThat(store.keys).isEmpty();
    }
}
