package dev.baton.store.sqlite;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of one SQLite database: a single thread drains whatever writes are waiting, runs them in
 * one transaction and commits once, so concurrent callers share one commit; the {@link WalSyncer} then
 * makes the commit durable (one sync for every group committed meanwhile) and only then completes the
 * futures. The writer does not wait for the sync: it runs the next group while the disk syncs the last.
 *
 * <p>Writes are applied in the order they were submitted, and their futures complete in that order: when a
 * write's future completes, every write submitted before it has been committed and synced, or has failed.
 * When any write of a group fails, the group is rolled back and its writes are run again one per
 * transaction, so a bad write fails alone and a write needing no new space (marking done, pruning) still
 * succeeds on a full disk. Futures from {@link #submit} complete on the syncing thread (callers only wait on
 * them); futures from {@link #trySubmit} complete on a separate acknowledging thread, so that work a caller
 * chains onto them never delays the next sync.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_GROUP = 4096;

    private final Connection connection;
    private final Runnable afterRollback;
    private final WalSyncer syncer;
    private final BlockingQueue<PendingWrite<?>> queue;
    private final ReadWriteLock closeLock = new ReentrantReadWriteLock();
    private final Thread thread;
    private final Timer commitTimer;
    private final DistributionSummary groupSize;
    private final Counter failedGroups;
    private boolean closed;

    /**
     * @param connection the write connection, with auto-commit off and {@code synchronous=NORMAL} (commits
     *     are not synced by SQLite; {@code sync} does it)
     * @param sync syncs the database's write-ahead log
     */
    GroupCommitWriter(Connection connection, WalSyncer.Sync sync, int queueCapacity, String name,
            MeterRegistry registry, Runnable afterRollback) {
        this.connection = connection;
        this.afterRollback = afterRollback;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.syncer = new WalSyncer(sync, name, registry);
        this.commitTimer = Timer.builder("baton.sqlite.commit")
                .description("One group's transaction: its writes and the commit, without the sync")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.groupSize = DistributionSummary.builder("baton.sqlite.commit.group.size")
                .description("Writes sharing one commit").register(registry);
        this.failedGroups = Counter.builder("baton.sqlite.commit.failures")
                .description("Groups of writes that could not be committed").register(registry);
        Gauge.builder("baton.sqlite.writer.queue", queue, BlockingQueue::size)
                .description("Writes waiting for the writer").register(registry);
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a write, waiting for room; the future completes once the write is committed and synced. */
    <T> CompletableFuture<T> submit(WriteOp<T> op) {
        return put(new PendingWrite<>(op, new CompletableFuture<>(), false, true));
    }

    /**
     * Queues a write that nobody waits on for durability, waiting for room. Its future completes once it is
     * committed, together with the writes around it; it asks for no sync of its own and is durable once the
     * next sync ran (write-ahead log order: no later write is durable without it).
     */
    <T> CompletableFuture<T> submitWithoutSync(WriteOp<T> op) {
        return put(new PendingWrite<>(op, new CompletableFuture<>(), false, false));
    }

    private <T> CompletableFuture<T> put(PendingWrite<T> pending) {
        closeLock.readLock().lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new SqliteStoreException("the store is closed", null));
            }
            queue.put(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new SqliteStoreException("interrupted while queueing", e));
        } finally {
            closeLock.readLock().unlock();
        }
        return pending.future();
    }

    /** Queues a write unless the queue is full; the future completes off the writer and syncing threads. */
    <T> CompletableFuture<T> trySubmit(WriteOp<T> op) {
        PendingWrite<T> pending = new PendingWrite<>(op, new CompletableFuture<>(), true, true);
        closeLock.readLock().lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new SqliteStoreException("the store is closed", null));
            }
            if (!queue.offer(pending)) {
                return CompletableFuture.failedFuture(new SqliteStoreException("the writer queue is full", null));
            }
        } finally {
            closeLock.readLock().unlock();
        }
        return pending.future();
    }

    private void run() {
        List<PendingWrite<?>> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            boolean stop = group.removeIf(pending -> pending == PendingWrite.STOP);
            if (!group.isEmpty()) {
                syncer.hand(runGroup(List.copyOf(group)));
            }
            group.clear();
            if (stop) {
                return;
            }
        }
    }

    private WrittenGroup runGroup(List<PendingWrite<?>> group) {
        Object[] results = new Object[group.size()];
        Throwable[] failures = new Throwable[group.size()];
        Timer.Sample sample = Timer.start();
        try {
            for (int i = 0; i < group.size(); i++) {
                results[i] = group.get(i).op().execute(connection);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback();
            if (group.size() == 1) {
                failures[0] = failure(e);
                return new WrittenGroup(group, results, failures, false);
            }
            // Keep the common path lean (no savepoint per write): only when something failed, give each
            // write its own transaction, so one bad write fails alone and a write needing no new space
            // (marking done, pruning) still succeeds on a full disk.
            boolean anyCommitted = false;
            for (int i = 0; i < group.size(); i++) {
                WrittenGroup alone = runGroup(List.of(group.get(i)));
                results[i] = alone.results()[0];
                failures[i] = alone.failures()[0];
                anyCommitted |= alone.committed();
            }
            return new WrittenGroup(group, results, failures, anyCommitted);
        }
        sample.stop(commitTimer);
        groupSize.record(group.size());
        return new WrittenGroup(group, results, failures, true);
    }

    private SqliteStoreException failure(Exception cause) {
        failedGroups.increment();
        String reason = cause instanceof SQLException sql ? SqliteErrors.describe(sql) : cause.getClass().getName();
        LOG.warn("SQLite write failed ({}); it was not kept", reason);
        return new SqliteStoreException("could not write to the database: " + reason, cause);
    }

    /**
     * Rolls back and opens the next transaction. After a disk-full or I/O error SQLite may already have rolled
     * back on its own; then the driver's rollback fails and leaves no transaction open, and without one every
     * savepoint would commit by itself, so the transaction is reopened by hand. The driver may have closed
     * prepared statements on the way; {@code afterRollback} lets their owner forget them.
     */
    private void rollback() {
        afterRollback.run();
        try {
            connection.rollback();
        } catch (SQLException alreadyRolledBack) {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // nothing was open to commit
            }
            try {
                connection.setAutoCommit(false);
            } catch (SQLException reopenFailure) {
                LOG.warn("SQLite could not open a transaction ({})", SqliteErrors.describe(reopenFailure));
            }
        }
    }

    /** Stops taking writes, commits and syncs what is queued, and waits for the writer and the syncer. */
    @Override
    public void close() {
        closeLock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.put(PendingWrite.STOP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeLock.writeLock().unlock();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        syncer.close();
    }
}
