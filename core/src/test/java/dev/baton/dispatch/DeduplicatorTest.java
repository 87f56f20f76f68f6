package dev.baton.dispatch;

import static dev.baton.testing.TestEvents.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.memory.InMemoryConversationStore;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {

    @Test
    void watermarksAreRememberedForABoundedNumberOfConversations() {
        Deduplicator deduplicator = new Deduplicator(new InMemoryConversationStore(), 2);
        assertThat(deduplicator.firstSighting("shop", read("100", "a", 10, 1))).isTrue();
        assertThat(deduplicator.firstSighting("shop", read("100", "b", 10, 1))).isTrue();
        assertThat(deduplicator.firstSighting("shop", read("100", "a", 10, 2))).isFalse(); // a is now recent
        assertThat(deduplicator.firstSighting("shop", read("100", "c", 10, 1))).isTrue(); // evicts b
        assertThat(deduplicator.firstSighting("shop", read("100", "a", 5, 3))).isFalse();
        assertThat(deduplicator.firstSighting("shop", read("100", "b", 10, 3))).isTrue(); // b was forgotten
        assertThat(deduplicator.firstSighting("other-app", read("100", "a", 10, 3))).isTrue();
    }

    @Test
    void messagesWithoutAMidAreNotDeduplicated() {
        Deduplicator deduplicator = new Deduplicator(new InMemoryConversationStore(), 10);
        assertThat(deduplicator.firstSighting("shop", dev.baton.testing.TestEvents.message("100", "a", null, "x", 1)))
                .isTrue();
        assertThat(deduplicator.firstSighting("shop", dev.baton.testing.TestEvents.message("100", "a", null, "x", 1)))
                .isTrue();
    }
}
