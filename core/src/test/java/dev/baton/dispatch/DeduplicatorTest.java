package dev.baton.dispatch;

import static dev.baton.spi.ConversationStore.Claim.DUPLICATE;
import static dev.baton.spi.ConversationStore.Claim.NEW;
import static dev.baton.spi.ConversationStore.Claim.SAME_CLAIMANT;
import static dev.baton.testing.TestEvents.message;
import static dev.baton.testing.TestEvents.passedTo;
import static dev.baton.testing.TestEvents.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.memory.InMemoryConversationStore;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {

    @Test
    void watermarksAreRememberedForABoundedNumberOfConversations() {
        Deduplicator deduplicator = new Deduplicator(new InMemoryConversationStore(), 2);
        assertThat(deduplicator.claim("shop", read("100", "a", 10, 1), "1:0")).isEqualTo(NEW);
        assertThat(deduplicator.claim("shop", read("100", "b", 10, 1), "1:1")).isEqualTo(NEW);
        assertThat(deduplicator.claim("shop", read("100", "a", 10, 2), "1:2")).isEqualTo(DUPLICATE); // a is now recent
        assertThat(deduplicator.claim("shop", read("100", "c", 10, 1), "1:3")).isEqualTo(NEW); // evicts b
        assertThat(deduplicator.claim("shop", read("100", "a", 5, 3), "1:4")).isEqualTo(DUPLICATE);
        assertThat(deduplicator.claim("shop", read("100", "b", 10, 3), "1:5")).isEqualTo(NEW); // b was forgotten
        assertThat(deduplicator.claim("other-app", read("100", "a", 10, 3), "1:6")).isEqualTo(NEW);
        assertThat(deduplicator.claim("shop", read("100", "b", 10, 3), "1:5")).as("receipts are never the same claimant")
                .isEqualTo(DUPLICATE);
    }

    @Test
    void messagesAreKeyedByMidAndTheirEntry() {
        Deduplicator deduplicator = new Deduplicator(new InMemoryConversationStore(), 10);
        assertThat(deduplicator.claim("shop", message("100", "a", "m1", "x", 1), "1:0")).isEqualTo(NEW);
        assertThat(deduplicator.claim("shop", message("100", "a", "m1", "x", 1), "1:0")).isEqualTo(SAME_CLAIMANT);
        assertThat(deduplicator.claim("shop", message("100", "a", "m1", "x", 1), "2:0")).isEqualTo(DUPLICATE);
    }

    @Test
    void eventsWithoutAKeyAreNotDeduplicatedButTheirEntryIsClaimed() {
        Deduplicator deduplicator = new Deduplicator(new InMemoryConversationStore(), 10);
        assertThat(deduplicator.claim("shop", message("100", "a", null, "x", 1), "1:0")).isEqualTo(NEW);
        assertThat(deduplicator.claim("shop", message("100", "a", null, "x", 1), "2:0")).isEqualTo(NEW);
        assertThat(deduplicator.claim("shop", message("100", "a", null, "x", 1), "1:0")).isEqualTo(SAME_CLAIMANT);
        assertThat(deduplicator.claim("shop", passedTo("100", "a", "2", "1", null, 1), "3:0")).isEqualTo(NEW);
        assertThat(deduplicator.claim("shop", passedTo("100", "a", "2", "1", null, 1), "4:0")).isEqualTo(NEW);
        assertThat(deduplicator.claim("shop", passedTo("100", "a", "2", "1", null, 1), "3:0"))
                .isEqualTo(SAME_CLAIMANT);
    }
}
