package dev.baton.store.sqlite;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of one SQLite database: a single thread drains whatever writes are waiting, runs them in
 * one transaction and commits once, so concurrent callers share one disk sync (group commit).
 *
 * <p>Writes are applied in the order they were submitted: when a write's future completes, every write
 * submitted before it has been committed or has failed. When any write of a group fails, the group is rolled
 * back and its writes are run again one per transaction, so a bad write fails alone and a write needing no
 * new space (marking done, pruning) still succeeds on a full disk. Futures from {@link #submit} complete on
 * the writer thread (callers only wait on them); futures from {@link #trySubmit} complete on a separate
 * acknowledging thread, so that work a caller chains onto them never delays the next commit.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_GROUP = 4096;

    private final Connection connection;
    private final Runnable afterRollback;
    private final BlockingQueue<Pending<?>> queue;
    private final ReadWriteLock closeLock = new ReentrantReadWriteLock();
    private final ExecutorService acknowledger;
    private final Thread thread;
    private final Timer commitTimer;
    private final DistributionSummary groupSize;
    private final Counter failedGroups;
    private boolean closed;

    GroupCommitWriter(Connection connection, int queueCapacity, String name, MeterRegistry registry,
            Runnable afterRollback) {
        this.connection = connection;
        this.afterRollback = afterRollback;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.acknowledger = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, name + "-ack"));
        this.commitTimer = Timer.builder("baton.sqlite.commit").description("One group commit, sync included")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.groupSize = DistributionSummary.builder("baton.sqlite.commit.group.size")
                .description("Writes sharing one commit").register(registry);
        this.failedGroups = Counter.builder("baton.sqlite.commit.failures")
                .description("Groups of writes that could not be committed").register(registry);
        Gauge.builder("baton.sqlite.writer.queue", queue, BlockingQueue::size)
                .description("Writes waiting for the writer").register(registry);
        this.thread = daemon(this::run, name);
        thread.start();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Queues a write, waiting for room; the future completes on the writer thread once committed. */
    <T> CompletableFuture<T> submit(WriteOp<T> op) {
        Pending<T> pending = new Pending<>(op, new CompletableFuture<>(), false);
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
        return pending.future;
    }

    /** Queues a write unless the queue is full; the future completes off the writer thread. */
    <T> CompletableFuture<T> trySubmit(WriteOp<T> op) {
        Pending<T> pending = new Pending<>(op, new CompletableFuture<>(), true);
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
        return pending.future;
    }

    private void run() {
        List<Pending<?>> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            boolean stop = group.removeIf(pending -> pending.op == null);
            if (!group.isEmpty()) {
                runGroup(group);
            }
            group.clear();
            if (stop) {
                return;
            }
        }
    }

    private void runGroup(List<Pending<?>> group) {
        Object[] results = new Object[group.size()];
        Timer.Sample sample = Timer.start();
        try {
            for (int i = 0; i < group.size(); i++) {
                results[i] = group.get(i).op.execute(connection);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback();
            if (group.size() > 1) {
                // Keep the common path lean (no savepoint per write): only when something failed, give each
                // write its own transaction, so one bad write fails alone and a write needing no new space
                // (marking done, pruning) still succeeds on a full disk.
                group.forEach(pending -> runGroup(List.of(pending)));
            } else {
                failGroup(group, e);
            }
            return;
        }
        sample.stop(commitTimer);
        groupSize.record(group.size());
        complete(group, results, new Throwable[group.size()]);
    }

    private void failGroup(List<Pending<?>> group, Exception cause) {
        failedGroups.increment();
        String reason = cause instanceof SQLException sql ? SqliteErrors.describe(sql) : cause.getClass().getName();
        LOG.warn("SQLite write failed ({}); it was not kept", reason);
        SqliteStoreException failure = new SqliteStoreException("could not write to the database: " + reason, cause);
        Throwable[] failures = new Throwable[group.size()];
        Arrays.fill(failures, failure);
        complete(group, new Object[group.size()], failures);
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

    private void complete(List<Pending<?>> group, Object[] results, Throwable[] failures) {
        List<Runnable> offThread = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            Pending<?> pending = group.get(i);
            Runnable completion = pending.completion(results[i], failures[i]);
            if (pending.acknowledgeOffThread) {
                offThread.add(completion);
            } else {
                completion.run();
            }
        }
        if (!offThread.isEmpty()) {
            acknowledger.execute(() -> offThread.forEach(Runnable::run));
        }
    }

    /** Stops taking writes, commits what is queued, and waits for the writer to finish. */
    @Override
    public void close() {
        closeLock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.put(new Pending<>(null, null, false));
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
        acknowledger.shutdown();
    }

    private record Pending<T>(WriteOp<T> op, CompletableFuture<T> future, boolean acknowledgeOffThread) {
        @SuppressWarnings("unchecked")
        Runnable completion(Object result, Throwable failure) {
            return failure == null ? () -> future.complete((T) result) : () -> future.completeExceptionally(failure);
        }
    }
}
