package dev.baton.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer commits without syncing; a write is acknowledged only after a sync that began after its commit. */
class GroupCommitWriterTest {

    @TempDir
    Path dir;

    private Connection write;
    private Connection read;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** Each sync takes one permit (blocks until the test gives one) unless the test made syncs free. */
    private final Semaphore syncPermits = new Semaphore(0);
    private final AtomicInteger syncs = new AtomicInteger();
    private final AtomicInteger failNextSyncs = new AtomicInteger();
    private final CountDownLatch firstSyncStarted = new CountDownLatch(1);
    private GroupCommitWriter writer;

    @BeforeEach
    void open() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("w.db");
        write = DriverManager.getConnection(url);
        try (Statement statement = write.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("PRAGMA synchronous = NORMAL");
            statement.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)");
        }
        write.setAutoCommit(false);
        read = DriverManager.getConnection(url);
        writer = new GroupCommitWriter(write, this::sync, 1024, "test-writer", registry, () -> { });
    }

    private void sync() throws IOException {
        firstSyncStarted.countDown();
        try {
            if (!syncPermits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IOException("the test never released the sync");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        syncs.incrementAndGet();
        if (failNextSyncs.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IOException("injected sync failure");
        }
    }

    @AfterEach
    void close() throws SQLException {
        syncPermits.release(1000);
        writer.close();
        write.close();
        read.close();
    }

    private CompletableFuture<Integer> insert(int x) {
        return writer.submit(insertOp(x));
    }

    private static WriteOp<Integer> insertOp(int x) {
        return (connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (x) VALUES (?)")) {
                insert.setInt(1, x);
                return insert.executeUpdate();
            }
        });
    }

    private boolean visible(int x) throws SQLException {
        try (PreparedStatement query = read.prepareStatement("SELECT count(*) FROM t WHERE x = ?")) {
            query.setInt(1, x);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getInt(1) == 1;
            }
        }
    }

    private void awaitVisible(int x) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!visible(x)) {
            assertThat(System.nanoTime()).as("row %d committed in time", x).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private void awaitGroupsWaitingForSync(int groups) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (registry.get("baton.sqlite.sync.queue").gauge().value() != groups) {
            assertThat(System.nanoTime()).as("%d groups waiting for the sync in time", groups).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    void aCommittedWriteIsAcknowledgedOnlyOnceTheSyncCoveringItReturns() throws Exception {
        CompletableFuture<Integer> first = insert(1);
        awaitVisible(1);
        assertThat(firstSyncStarted.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first).as("committed, sync still running").isNotDone();

        syncPermits.release();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(syncs).hasValue(1);
    }

    @Test
    void whileAGroupWaitsForTheSyncTheNextWritesShareOneOpenTransactionAndFuturesCompleteInOrder()
            throws Exception {
        List<Integer> completed = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> first = insert(1);
        first.thenRun(() -> completed.add(1));
        assertThat(firstSyncStarted.await(30, TimeUnit.SECONDS)).isTrue();
        // the syncer holds row 1's group: row 2 is committed at once and waits for the next sync
        insert(2).thenRun(() -> completed.add(2));
        awaitVisible(2);
        awaitGroupsWaitingForSync(1);
        // a group is waiting, so rows 3 and 4 stay in an open transaction instead of two more commits
        insert(3).thenRun(() -> completed.add(3));
        CompletableFuture<Integer> fourth = insert(4);
        fourth.thenRun(() -> completed.add(4));
        awaitWriterQueueEmpty();
        assertThat(visible(3) || visible(4)).as("not committed while a group waits").isFalse();
        assertThat(completed).isEmpty();

        syncPermits.release(); // sync 1 returns; the syncer takes row 2's group and wakes the writer
        first.get(30, TimeUnit.SECONDS);
        awaitVisible(3);
        awaitVisible(4);
        syncPermits.release(2);
        fourth.get(30, TimeUnit.SECONDS);
        assertThat(completed).containsExactly(1, 2, 3, 4);
        assertThat(registry.get("baton.sqlite.commit").timer().count()).as("{1}, {2}, {3, 4}").isEqualTo(3);
        assertThat(registry.get("baton.sqlite.commit.group.size").summary().max()).isEqualTo(2);
        assertThat(syncs).hasValue(3);
        assertThat(registry.get("baton.sqlite.sync.writes").summary().totalAmount()).isEqualTo(4);
    }

    private void awaitWriterQueueEmpty() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (registry.get("baton.sqlite.writer.queue").gauge().value() != 0) {
            assertThat(System.nanoTime()).as("the writer took every write in time").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    void aFailedSyncFailsTheWritesItCoveredAndTheNextWritesAreKept() throws Exception {
        failNextSyncs.set(1);
        syncPermits.release(1000);
        CompletableFuture<Integer> lost = insert(1);
        assertThat(lost).failsWithin(30, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(SqliteStoreException.class);

        assertThat(insert(2).get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(visible(2)).isTrue();
    }

    @Test
    void aBadWriteInAGroupFailsAloneAndTheOthersAreSynced() throws Exception {
        CompletableFuture<Integer> blocker = insert(1);
        assertThat(firstSyncStarted.await(30, TimeUnit.SECONDS)).isTrue();
        // queued behind the blocked sync, these may share a group
        CompletableFuture<Integer> good = insert(2);
        CompletableFuture<Integer> duplicate = insert(2);
        CompletableFuture<Integer> alsoGood = insert(3);
        syncPermits.release(1000);

        assertThat(blocker.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(good.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(alsoGood.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(duplicate).failsWithin(30, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(SqliteStoreException.class);
        assertThat(visible(2) && visible(3)).isTrue();
    }

    @Test
    void aWriteNobodyWaitsOnAsksForNoSyncAndTheNextSyncCoversIt() throws Exception {
        syncPermits.release(1000);
        assertThat(writer.submitWithoutSync(insertOp(1)).get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(visible(1)).isTrue();
        assertThat(syncs).hasValue(0);

        assertThat(insert(2).get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(syncs).hasValue(1);
    }

    @Test
    void closeCommitsAndSyncsWhatIsQueued() throws Exception {
        syncPermits.release(1000);
        List<CompletableFuture<Integer>> writes = List.of(insert(1), insert(2), insert(3));
        writer.close();
        assertThat(writes).allSatisfy(write -> assertThat(write).isCompletedWithValue(1));
        assertThat(insert(4)).isCompletedExceptionally();
        assertThat(CompletableFuture.allOf(insert(5)).handle((ok, failure) -> failure))
                .succeedsWithin(1, TimeUnit.SECONDS).isInstanceOf(CompletionException.class);
    }
}
