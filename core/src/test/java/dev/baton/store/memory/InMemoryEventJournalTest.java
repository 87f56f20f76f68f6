package dev.baton.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.spi.JournaledBatch;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * What only the heap journal does: it forgets a batch the moment its last event is done, and keeps one whose
 * count it was not told. Every promise of the SPI is checked by {@code InMemoryEventJournalContractTest}
 * (baton-testing's store contract kit).
 */
class InMemoryEventJournalTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final InMemoryEventJournal journal = new InMemoryEventJournal();

    @Test
    void aBatchIsForgottenOnceEveryEventIsDone() {
        long id = journal.append("marketing", new byte[] {1}, T0, 2).join();
        journal.markDone(id, 0);
        assertThat(journal.size()).isEqualTo(1);
        journal.markDone(id, 1);
        assertThat(journal.pending()).isEmpty();
        assertThat(journal.size()).isZero();
        assertThat(journal.appendedCount()).isEqualTo(1);
    }

    @Test
    void aBatchWithoutACountStaysPendingAndUnpruned() {
        long id = journal.append("marketing", new byte[] {1}, T0).join();
        journal.markDone(id, 0);
        assertThat(journal.prune(T0.plusSeconds(3600))).isZero();
        assertThat(journal.pending()).extracting(JournaledBatch::id).containsExactly(id);
    }

    @Test
    void anIndexBeyondTheCountDoesNotCompleteTheBatch() {
        long id = journal.append("marketing", new byte[] {1}, T0, 2).join();
        journal.markDone(id, 0);
        journal.markDone(id, 7);
        assertThat(journal.pending()).singleElement().satisfies(batch -> assertThat(batch.doneEvents()).containsExactly(0));
    }

    @Test
    void nothingIsCountedAfterClose() {
        journal.close();
        assertThatThrownBy(() -> journal.append("x", new byte[] {1}, T0, 1).join())
                .isInstanceOf(CompletionException.class);
        assertThat(journal.appendedCount()).isZero();
    }
}
