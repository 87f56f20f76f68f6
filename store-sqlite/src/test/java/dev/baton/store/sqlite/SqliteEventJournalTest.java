package dev.baton.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.spi.JournalUnavailableException;
import dev.baton.spi.JournaledBatch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the SQLite journal does (group commit, counting events itself, retention, a full disk, its
 * meters). Every promise of the SPI is checked by baton-testing's {@code SqliteEventJournalContractTest}.
 */
class SqliteEventJournalTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456789Z");

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<SqliteStores> opened = new ArrayList<>();

    private SqliteStores open(SqliteStores.Settings settings) {
        SqliteStores stores = SqliteStores.open(dir.resolve("baton.db"), settings, registry, Clock.systemUTC());
        opened.add(stores);
        return stores;
    }

    private SqliteStores open() {
        return open(SqliteStores.Settings.defaults());
    }

    @AfterEach
    void closeAll() {
        opened.forEach(SqliteStores::close);
    }

    @Test
    void aBatchWithoutEventsIsDoneAtOnceAndOneWithAnUnknownCountStaysPending() {
        SqliteStores stores = open();
        stores.journal().append("a", "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8), T0).join();
        long unknown = stores.journal().append("a", "not json".getBytes(StandardCharsets.UTF_8), T0).join();
        stores.journal().markDone(unknown, 0);
        stores.journal().markDone(unknown, 7);
        stores.close();
        assertThat(open().journal().pending()).singleElement().satisfies(batch -> {
            assertThat(batch.id()).isEqualTo(unknown);
            assertThat(batch.doneEvents()).containsExactlyInAnyOrder(0, 7);
        });
    }

    @Test
    void theDispatchersCountIsUsedWhenGiven() {
        SqliteStores stores = open();
        long counted = stores.journal().append("a", Bodies.batch("u1", 3), T0, 2).join();
        long unknown = stores.journal().append("a", Bodies.batch("u2", 1), T0, -1).join();
        stores.journal().markDone(counted, 0);
        stores.journal().markDone(counted, 1);
        stores.journal().markDone(unknown, 0);
        stores.journal().prune(Instant.EPOCH); // waits for a commit after the queued markDones
        assertThat(stores.journal().pending()).extracting(JournaledBatch::id).containsExactly(unknown);
    }

    @Test
    void pruneRemovesOnlyHandledBatchesOlderThanTheCutoff() {
        SqliteStores stores = open();
        var journal = stores.journal();
        long oldDone = journal.append("a", Bodies.batch("u1", 1), T0).join();
        long oldOpen = journal.append("a", Bodies.batch("u2", 1), T0).join();
        long newDone = journal.append("a", Bodies.batch("u3", 1), T0.plusSeconds(3600)).join();
        journal.markDone(oldDone, 0);
        journal.markDone(newDone, 0);

        assertThat(journal.prune(T0.plusSeconds(60))).isEqualTo(1);
        assertThat(journal.prune(T0.plusSeconds(60))).isZero();
        assertThat(journal.pending()).extracting(JournaledBatch::id).containsExactly(oldOpen);
        assertThat(journal.prune(T0.plusSeconds(7200))).isEqualTo(1);
        journal.markDone(oldOpen, 0);
        assertThat(journal.prune(T0.plusSeconds(7200))).isEqualTo(1);
        // ids are never reused, so a late markDone for a pruned batch cannot hit a new one
        long next = journal.append("a", Bodies.batch("u4", 1), T0).join();
        assertThat(next).isGreaterThan(newDone);
        journal.markDone(newDone, 0);
        assertThat(journal.pending()).extracting(JournaledBatch::id).containsExactly(next);
    }

    @Test
    void theRetentionTaskPrunesInTheBackground() throws Exception {
        SqliteStores stores = open(SqliteStores.Settings.defaults().withRetention(Duration.ofSeconds(1))
                .withMaintenanceInterval(Duration.ofMillis(20)));
        long id = stores.journal().append("a", Bodies.batch("u1", 1), Instant.now().minusSeconds(60)).join();
        stores.journal().markDone(id, 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Sql.count(dir.resolve("baton.db"), "journal_batch") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(Sql.count(dir.resolve("baton.db"), "journal_batch")).isZero();
    }

    @Test
    void concurrentAppendsShareCommitsAndAllSurvive() throws Exception {
        int threads = 16;
        int perThread = 300;
        Map<Long, byte[]> appended = new ConcurrentHashMap<>();
        SqliteStores stores = open();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perThread; i++) {
                    byte[] body = Bodies.batch("t" + thread + "-" + i, 1);
                    appended.put(stores.journal().append("a", body, T0).join(), body);
                }
            }, pool));
        }
        CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();
        assertThat(appended).hasSize(threads * perThread);
        var groups = registry.get("baton.sqlite.commit.group.size").summary();
        assertThat(groups.max()).as("largest group commit").isGreaterThan(1);
        assertThat(groups.count()).as("commits").isLessThan(threads * perThread);
        stores.close();

        List<JournaledBatch> pending = open().journal().pending();
        assertThat(pending).hasSize(threads * perThread);
        for (JournaledBatch batch : pending) {
            assertThat(batch.body()).isEqualTo(appended.get(batch.id()));
        }
    }

    @Test
    void aFullDiskRefusesAppendsWithoutKeepingThemAndRecoversAfterPruning() {
        SqliteStores stores = open(SqliteStores.Settings.defaults().withMaxDatabaseBytes(256 * 1024));
        var journal = stores.journal();
        byte[] body = Bodies.batch("u".repeat(50), 40);
        List<Long> kept = new ArrayList<>();
        JournalUnavailableException refusal = null;
        for (int i = 0; i < 10_000 && refusal == null; i++) {
            try {
                kept.add(journal.append("a", body, T0).join());
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(JournalUnavailableException.class);
                refusal = (JournalUnavailableException) e.getCause();
            }
        }
        assertThat(refusal).as("an append was refused").isNotNull();
        assertThat(refusal.getMessage()).contains("disk is full");
        assertThat(registry.get("baton.journal.appends").tag("result", "refused").counter().count()).isEqualTo(1);
        assertThat(registry.get("baton.journal.appends").tag("result", "stored").counter().count())
                .isEqualTo(kept.size());
        assertThat(journal.pending()).extracting(JournaledBatch::id).containsExactlyElementsOf(kept);

        for (long id : kept) {
            for (int event = 0; event < 40; event++) {
                journal.markDone(id, event);
            }
        }
        assertThat(journal.prune(T0.plusSeconds(1))).isEqualTo(kept.size());
        long after = journal.append("a", body, T0).join();
        assertThat(journal.pending()).extracting(JournaledBatch::id).containsExactly(after);
    }

    @Test
    void appendsAfterCloseFailAsUnavailable() {
        SqliteStores stores = open();
        stores.journal().close();
        assertThatThrownBy(() -> stores.journal().append("a", Bodies.batch("u", 1), T0).join())
                .hasCauseInstanceOf(JournalUnavailableException.class);
        stores.journal().markDone(1, 0); // ignored, not thrown
        assertThat(stores.store().firstSighting("a", "still-open")).isTrue();
    }

    @Test
    void theFileSizeIsAGauge() {
        SqliteStores stores = open();
        stores.journal().append("a", Bodies.batch("u", 5), T0).join();
        assertThat(registry.get("baton.sqlite.file.size").gauge().value()).isGreaterThan(0);
    }
}
