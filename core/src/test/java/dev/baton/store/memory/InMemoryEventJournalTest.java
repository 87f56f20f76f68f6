package dev.baton.store.memory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.spi.JournalUnavailableException;
import dev.baton.spi.JournaledBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class InMemoryEventJournalTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final InMemoryEventJournal journal = new InMemoryEventJournal();

    @Test
    void pendingListsBatchesOldestFirstWithTheirDoneEvents() {
        long first = journal.append("marketing", "a".getBytes(UTF_8), T0, 3).join();
        long second = journal.append("default", "b".getBytes(UTF_8), T0.plusSeconds(1), 1).join();
        journal.markDone(first, 1);

        List<JournaledBatch> pending = journal.pending();

        assertThat(pending).extracting(JournaledBatch::id).containsExactly(first, second);
        assertThat(pending.get(0).appName()).isEqualTo("marketing");
        assertThat(new String(pending.get(0).body(), UTF_8)).isEqualTo("a");
        assertThat(pending.get(0).doneEvents()).containsExactly(1);
        assertThat(pending.get(1).doneEvents()).isEmpty();
        assertThat(pending.get(1).receivedAt()).isEqualTo(T0.plusSeconds(1));
    }

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
    void anEmptyBatchIsNeverPending() {
        journal.append("marketing", new byte[0], T0, 0).join();
        assertThat(journal.pending()).isEmpty();
    }

    @Test
    void theBodyIsCopiedOnTheWayOut() {
        // On the way in the caller hands the array over (EventJournal#append): it is kept without a copy.
        journal.append("marketing", "abc".getBytes(UTF_8), T0, 1).join();
        journal.pending().get(0).body()[1] = 'y';
        assertThat(new String(journal.pending().get(0).body(), UTF_8)).isEqualTo("abc");
    }

    @Test
    void pendingIsInAppendOrderAcrossManyBatches() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            ids.add(journal.append("marketing", new byte[] {(byte) i}, T0, 2).join());
        }
        assertThat(journal.pending()).extracting(JournaledBatch::id).containsExactlyElementsOf(ids);
    }

    @Test
    void aOneEventBatchIsForgottenWhenItsEventIsDone() {
        long done = journal.append("marketing", new byte[] {1}, T0, 1).join();
        long open = journal.append("marketing", new byte[] {2}, T0, 1).join();
        journal.markDone(done, 0);
        journal.markDone(done, 0);
        assertThat(journal.pending()).extracting(JournaledBatch::id).containsExactly(open);
        assertThat(journal.pending().get(0).doneEvents()).isEmpty();
    }

    @Test
    void idsIncreaseAndMarkDoneOfUnknownIdsIsIgnored() {
        long a = journal.append("x", new byte[] {1}, T0, 1).join();
        long b = journal.append("x", new byte[] {1}, T0, 1).join();
        assertThat(b).isGreaterThan(a);
        journal.markDone(999, 0);
        assertThat(journal.pending()).hasSize(2);
    }

    @Test
    void appendsFailWithJournalUnavailableAfterClose() {
        journal.close();
        assertThatThrownBy(() -> journal.append("x", new byte[] {1}, T0, 1).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(JournalUnavailableException.class);
        assertThat(journal.appendedCount()).isZero();
    }
}
