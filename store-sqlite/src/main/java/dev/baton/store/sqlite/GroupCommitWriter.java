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
 * The only writer of one SQLite database: a single thread runs whatever writes are waiting in one
 * transaction and commits once, so concurrent callers share one commit; the {@link WalSyncer} then makes
 * the commit durable and only then completes the futures. The writer does not wait for the sync: while the
 * disk syncs one group, it commits the next, and runs the writes arriving after that in a transaction it
 * keeps open until the syncer has taken that group, so that each sync covers about one commit.
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
    /** Writes run in the open transaction and not yet committed, with their results (writer thread only). */
    private final List<PendingWrite<?>> open = new ArrayList<>();
    private final List<Object> openResults = new ArrayList<>();
    /** The writer keeps a transaction open until the syncer has taken the group before it. */
    private volatile boolean holdingOpen;
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
        this.syncer = new WalSyncer(sync, name, registry, this::wakeIfHoldingOpen);
        this.commitTimer = Timer.builder("baton.sqlite.commit")
                .description("Committing one group (writing its pages to the log), without the sync")
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
        List<PendingWrite<?>> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, MAX_GROUP - 1);
            boolean stop = batch.removeIf(pending -> pending == PendingWrite.STOP);
            batch.removeIf(pending -> pending == PendingWrite.WAKE);
            for (PendingWrite<?> write : batch) {
                runInOpenTransaction(write);
                if (open.size() >= MAX_GROUP) {
                    commitOpen();
                }
            }
            batch.clear();
            if (!open.isEmpty()) {
                // Commit now only if no committed group is waiting for the syncer: otherwise the next sync
                // cannot start before that group is taken, and keeping the transaction open until then lets
                // that sync cover one commit instead of several (fewer commits: less CPU, fewer log pages).
                // The flag is raised before looking, and the syncer looks at it after taking groups, so one
                // of the two always sees the other: either this commits now or the syncer wakes it.
                holdingOpen = true;
                if (stop || syncer.nothingWaiting()) {
                    commitOpen();
                }
            }
            holdingOpen = !open.isEmpty();
            if (stop) {
                return;
            }
        }
    }

    /** Called by the syncer once it took every waiting group: a transaction held open may commit now. */
    private void wakeIfHoldingOpen() {
        if (holdingOpen) {
            queue.offer(PendingWrite.WAKE); // if full, the writer is busy and looks again anyway
        }
    }

    private void runInOpenTransaction(PendingWrite<?> write) {
        try {
            Object result = write.op().execute(connection);
            open.add(write);
            openResults.add(result);
        } catch (SQLException | RuntimeException e) {
            List<PendingWrite<?>> again = new ArrayList<>(open);
            again.add(write);
            rollbackAndRunAlone(again);
        }
    }

    private void commitOpen() {
        Timer.Sample sample = Timer.start();
        try {
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackAndRunAlone(new ArrayList<>(open));
            return;
        }
        sample.stop(commitTimer);
        groupSize.record(open.size());
        syncer.hand(new WrittenGroup(List.copyOf(open), openResults.toArray(), new Throwable[open.size()], true));
        open.clear();
        openResults.clear();
    }

    /**
     * Keeps the common path lean (no savepoint per write): only when something failed is the open transaction
     * rolled back and each of its writes run again in a transaction of its own, so one bad write fails alone
     * and a write needing no new space (marking done, pruning) still succeeds on a full disk.
     */
    private void rollbackAndRunAlone(List<PendingWrite<?>> writes) {
        rollback();
        open.clear();
        openResults.clear();
        for (PendingWrite<?> write : writes) {
            syncer.hand(runAlone(write));
        }
    }

    private WrittenGroup runAlone(PendingWrite<?> write) {
        Object[] results = new Object[1];
        Throwable[] failures = new Throwable[1];
        try {
            results[0] = write.op().execute(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback();
            failures[0] = failure(e);
            return new WrittenGroup(List.of(write), results, failures, false);
        }
        groupSize.record(1);
        return new WrittenGroup(List.of(write), results, failures, true);
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
