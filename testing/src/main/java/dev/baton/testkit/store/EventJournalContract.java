package dev.baton.testkit.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.spi.EventJournal;
import dev.baton.spi.JournalUnavailableException;
import dev.baton.spi.JournaledBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every promise of {@link EventJournal}, as an abstract JUnit 5 class an implementation's test extends (the
 * way Micrometer's {@code MeterRegistryCompatibilityKit} is extended by each registry):
 *
 * <pre>{@code
 * class PostgresEventJournalTest extends EventJournalContract {
 *     protected EventJournal openJournal() { return PostgresStores.open(...).journal(); }
 *     protected EventJournal restart(EventJournal journal) { journal.close(); return PostgresStores.open(...).journal(); }
 * }
 * }</pre>
 *
 * Each test gets a fresh, empty journal from {@link #openJournal()} and closes it afterwards. The tests of
 * what survives a restart call {@link #restart}; a journal that keeps nothing across a restart (the heap
 * one) leaves it as it is and those tests are skipped, not passed. {@code markDone} may be queued without
 * waiting (the SPI lets it: nobody waits on it), so after one the kit reads {@code pending()} until it shows
 * the change, for up to {@link #SETTLE_TIMEOUT}. Times are whole microseconds, the
 * precision every SQL engine keeps. Implementation details (metrics, full disks, files) stay in the
 * implementation's own tests.
 */
public abstract class EventJournalContract {

    /** A whole-microsecond instant: the precision a journal must keep. */
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456Z");

    /** How long a queued {@code markDone} may take to show in {@code pending()}: generous, for loaded machines. */
    protected static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    /** The journal under test in the current test; {@link #restart} replaces it. */
    protected EventJournal journal;

    /** Opens a fresh, empty journal (and whatever it needs: a file, a schema). Called before each test. */
    protected abstract EventJournal openJournal() throws Exception;

    /**
     * Closes {@code journal} and opens the same storage again, as a process restart would. The default skips
     * the calling test: override it in a durable journal's test.
     */
    protected EventJournal restart(EventJournal current) throws Exception {
        Assumptions.abort("this journal keeps nothing across a restart");
        return current;
    }

    /** Closes what {@link #openJournal()} opened besides the journal (a companion store, a connection). */
    protected void closeResources() throws Exception {}

    @BeforeEach
    final void openTheJournal() throws Exception {
        journal = openJournal();
    }

    @AfterEach
    final void closeTheJournal() throws Exception {
        try {
            if (journal != null) {
                journal.close();
            }
        } finally {
            closeResources();
        }
    }

    /** A webhook body with {@code events} messages (the journal treats it as opaque bytes). */
    protected static byte[] body(String person, int events) {
        StringBuilder json = new StringBuilder("{\"object\":\"page\",\"entry\":[{\"id\":\"100\",\"time\":1,\"messaging\":[");
        for (int i = 0; i < events; i++) {
            json.append(i > 0 ? "," : "").append("{\"sender\":{\"id\":\"").append(person)
                    .append("\"},\"recipient\":{\"id\":\"100\"},\"timestamp\":").append(i)
                    .append(",\"message\":{\"mid\":\"m-").append(person).append('-').append(i)
                    .append("\",\"text\":\"hi\"}}");
        }
        return json.append("]}]}").toString().getBytes(UTF_8);
    }

    private long append(String app, byte[] body, Instant at, int events) {
        return journal.append(app, body, at, events).join();
    }

    private List<Long> pendingIds() {
        return ids(journal.pending());
    }

    private static List<Long> ids(List<JournaledBatch> batches) {
        return batches.stream().map(JournaledBatch::id).toList();
    }

    /** {@code pending()} once {@code settled} holds for it, or as it is after {@link #SETTLE_TIMEOUT}. */
    protected final List<JournaledBatch> awaitPending(Predicate<List<JournaledBatch>> settled) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        List<JournaledBatch> pending = journal.pending();
        while (!settled.test(pending) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pending = journal.pending();
        }
        return pending;
    }

    @Test
    void anAppendedBatchIsPendingWithItsAppBytesAndTime() {
        byte[] body = body("u1", 2);
        long id = append("marketing", body.clone(), T0, 2);
        assertThat(journal.pending()).singleElement().satisfies(batch -> {
            assertThat(batch.id()).isEqualTo(id);
            assertThat(batch.appName()).isEqualTo("marketing");
            assertThat(batch.body()).isEqualTo(body);
            assertThat(batch.receivedAt()).isEqualTo(T0);
            assertThat(batch.doneEvents()).isEmpty();
        });
    }

    @Test
    void pendingListsOpenBatchesOldestFirstWithTheirDoneEvents() {
        long first = append("a", body("u1", 3), T0, 3);
        long second = append("b", body("u2", 2), T0.plusSeconds(1), 2);
        long third = append("a", body("u3", 1), T0.plusSeconds(2), 1);
        journal.markDone(first, 0);
        journal.markDone(first, 2);
        journal.markDone(first, 2); // twice: no harm
        journal.markDone(second, 0);
        journal.markDone(second, 1);
        journal.markDone(third, 5); // an index the batch does not have: ignored

        List<JournaledBatch> pending = awaitPending(batches -> ids(batches).equals(List.of(first, third))
                && batches.get(0).doneEvents().size() == 2);
        assertThat(pending).extracting(JournaledBatch::id).containsExactly(first, third);
        assertThat(pending.get(0).doneEvents()).containsExactlyInAnyOrder(0, 2);
        assertThat(pending.get(1).doneEvents()).isEmpty();
        assertThat(pending.get(1).receivedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void aBatchLeavesPendingOnceEveryCountedEventIsDone() {
        long id = append("marketing", body("u1", 2), T0, 2);
        journal.markDone(id, 0);
        assertThat(awaitPending(batches -> batches.size() == 1 && !batches.get(0).doneEvents().isEmpty()))
                .singleElement().satisfies(batch -> assertThat(batch.doneEvents()).containsExactly(0));
        journal.markDone(id, 1);
        assertThat(awaitPending(List::isEmpty)).isEmpty();
    }

    @Test
    void aBatchWithoutEventsIsNeverPending() {
        append("marketing", "{\"object\":\"page\",\"entry\":[]}".getBytes(UTF_8), T0, 0);
        assertThat(journal.pending()).isEmpty();
    }

    @Test
    void theBodyHandedOutIsACopy() {
        append("marketing", "abc".getBytes(UTF_8), T0, 1);
        journal.pending().get(0).body()[1] = 'y';
        assertThat(new String(journal.pending().get(0).body(), UTF_8)).isEqualTo("abc");
    }

    @Test
    void idsIncreaseInAppendOrderAndPendingFollowsThem() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(append("marketing", body("u" + i, 1), T0, 1));
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(pendingIds()).containsExactlyElementsOf(ids);
    }

    @Test
    void concurrentAppendsAreAllKeptWithTheirOwnBytes() throws Exception {
        int threads = 8;
        int perThread = 100;
        Map<Long, byte[]> appended = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(CompletableFuture.runAsync(() -> {
                    awaitQuietly(start);
                    long previous = Long.MIN_VALUE;
                    for (int i = 0; i < perThread; i++) {
                        byte[] body = body("t" + thread + "-" + i, 1);
                        long id = journal.append("a", body, T0, 1).join();
                        assertThat(id).as("one thread's ids increase").isGreaterThan(previous);
                        previous = id;
                        assertThat(appended.put(id, body)).as("id %d given twice", id).isNull();
                    }
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        List<JournaledBatch> pending = journal.pending();
        assertThat(pending).hasSize(threads * perThread);
        for (JournaledBatch batch : pending) {
            assertThat(batch.body()).isEqualTo(appended.get(batch.id()));
        }
    }

    @Test
    void markDoneOfAnUnknownBatchIsIgnored() {
        long a = append("x", body("u1", 1), T0, 1);
        journal.markDone(a + 1_000_000, 0);
        assertThat(pendingIds()).containsExactly(a);
    }

    @Test
    void pruneKeepsEveryBatchWithAnEventNotDoneAndIdsAreNeverReused() {
        long oldDone = append("a", body("u1", 1), T0, 1);
        long oldOpen = append("a", body("u2", 2), T0, 2);
        long newDone = append("a", body("u3", 1), T0.plusSeconds(3600), 1);
        journal.markDone(oldDone, 0);
        journal.markDone(oldOpen, 0);
        journal.markDone(newDone, 0);
        awaitPending(batches -> ids(batches).equals(List.of(oldOpen)) && batches.get(0).doneEvents().size() == 1);

        assertThat(journal.prune(T0.plusSeconds(60))).isNotNegative();
        assertThat(journal.prune(T0.plusSeconds(7200))).isNotNegative();
        assertThat(journal.pending()).singleElement().satisfies(batch -> {
            assertThat(batch.id()).isEqualTo(oldOpen);
            assertThat(batch.doneEvents()).containsExactly(0);
        });
        journal.markDone(oldOpen, 1);
        assertThat(awaitPending(List::isEmpty)).isEmpty();
        journal.prune(T0.plusSeconds(7200));
        assertThat(journal.prune(T0.plusSeconds(7200))).as("nothing left to prune").isZero();

        long next = append("a", body("u4", 1), T0, 1);
        assertThat(next).as("a late markDone for a pruned batch cannot hit a new one").isGreaterThan(newDone);
        journal.markDone(newDone, 0);
        journal.markDone(oldDone, 0);
        assertThat(awaitPending(batches -> ids(batches).equals(List.of(next)))).extracting(JournaledBatch::id)
                .containsExactly(next);
    }

    @Test
    void appendsAfterCloseFailAsUnavailableAndMarkDoneIsIgnored() {
        long id = append("x", body("u1", 2), T0, 2);
        journal.close();
        assertThatThrownBy(() -> journal.append("x", body("u2", 1), T0, 1).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(JournalUnavailableException.class);
        journal.markDone(id, 0); // must not throw: the dispatcher may still be finishing an event
    }

    @Test
    void badArgumentsAreRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> journal.append(null, new byte[] {1}, T0, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> journal.append("a", null, T0, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> journal.append("a", new byte[] {1}, null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> journal.markDone(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(journal.pending()).isEmpty();
    }

    @Test
    void anAppendedBatchSurvivesARestartWithItsBytesTimeAndDoneEvents() throws Exception {
        byte[] body = body("u1", 3);
        long id = append("marketing", body.clone(), T0, 3);
        long done = append("marketing", body("u2", 1), T0, 1);
        journal.markDone(id, 1);
        journal.markDone(done, 0);
        journal = restart(journal);
        assertThat(journal.pending()).singleElement().satisfies(batch -> {
            assertThat(batch.id()).isEqualTo(id);
            assertThat(batch.appName()).isEqualTo("marketing");
            assertThat(batch.body()).isEqualTo(body);
            assertThat(batch.receivedAt()).isEqualTo(T0);
            assertThat(batch.doneEvents()).containsExactly(1);
        });
    }

    @Test
    void theEventCountIsKeptAcrossARestart() throws Exception {
        long id = append("marketing", body("u1", 2), T0, 2);
        journal.markDone(id, 0);
        journal = restart(journal);
        journal.markDone(id, 1);
        assertThat(awaitPending(List::isEmpty)).isEmpty();
        long next = append("marketing", body("u2", 1), T0, 1);
        assertThat(next).as("ids keep increasing after a restart").isGreaterThan(id);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
