package dev.baton.store.postgres;

import dev.baton.spi.JournalUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of appends: a committer thread takes every append waiting (up to a group's size) and stores
 * them in ONE transaction of ONE statement (the schema's {@code baton_append} function: one batch row and one
 * row per event each, the touched buckets' sequences advanced), so concurrent requests share one round trip
 * and one synchronous commit. PostgreSQL's own synchronous commit is on
 * for these transactions: when a future completes, the batch is on the server's disk (and its synchronous
 * standbys', where configured).
 *
 * <p>The committer has a pool of its own, so appends never wait for a connection behind the dispatcher's
 * store writes. One committer per instance is the right number: the groups of two would lock the same
 * buckets' rows and wait for each other's commit anyway. Order: the transaction locks the touched buckets'
 * sequence rows (in bucket order, so committers of several instances never deadlock) before it takes batch
 * ids and sequence numbers, and keeps the locks until commit. Within a
 * bucket, batch ids and sequences therefore grow in commit order, across every instance on the database.
 * The commit also notifies channel {@value #CHANNEL} with the touched buckets, which wakes their holders.
 */
final class AppendCommitter implements AutoCloseable {

    static final String CHANNEL = "baton_work";
    private static final Logger LOG = LoggerFactory.getLogger(AppendCommitter.class);
    private static final int MAX_GROUP = 512;

    /** One append waiting for its commit. */
    record Append(String app, byte[] body, long receivedAtMicros, int[] eventBuckets, CompletableFuture<Long> done) {}

    /** A committed batch: its id, and its events' buckets and sequence numbers (by event index). */
    record Appended(long id, String app, byte[] body, long receivedAtMicros, int[] buckets, long[] seqs) {}

    /** Committed appends in commit order, heard (by the work feed) before the futures complete. */
    interface Committed {
        void appended(List<Appended> batches);
    }

    private final DataSource dataSource;
    private final BlockingQueue<Append> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final Committed committed;
    /** This instance's id, named in the commit's notification so that its own LISTEN skips it. */
    private final String sender;
    private volatile boolean closed;
    private final ExecutorService completions = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "baton-postgres-append-done");
        thread.setDaemon(true);
        return thread;
    });

    private final Timer commitTime;
    private final DistributionSummary groupSize;

    AppendCommitter(DataSource dataSource, int committers, int queueCapacity, Committed committed,
            MeterRegistry registry, String sender) {
        this.dataSource = dataSource;
        this.sender = sender;
        this.commitTime = Timer.builder("baton.postgres.append.commit")
                .description("one group of appends: its transaction, from taking a connection to the commit")
                .register(registry);
        this.groupSize = DistributionSummary.builder("baton.postgres.append.group.size")
                .description("appends sharing one transaction and one synchronous commit").register(registry);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.committed = committed;
        for (int i = 0; i < committers; i++) {
            Thread thread = new Thread(this::run, "baton-postgres-append-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Queues an append; false when the queue is full or closed (the caller answers 503). */
    boolean offer(Append append) {
        return !closed && queue.offer(append);
    }

    int queued() {
        return queue.size();
    }

    private void run() {
        List<Append> group = new ArrayList<>(MAX_GROUP);
        while (!closed || !queue.isEmpty()) {
            try {
                Append first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                commit(group);
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            } catch (RuntimeException e) {
                fail(group, e);
            } finally {
                group.clear();
            }
        }
        Append left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new JournalUnavailableException("the journal is closed", null));
        }
    }

    private void commit(List<Append> group) {
        long[] ids;
        long[] seqs;
        int events = 0;
        for (Append append : group) {
            events += append.eventBuckets().length;
        }
        String[] apps = new String[group.size()];
        Long[] receivedAt = new Long[group.size()];
        Integer[] eventCounts = new Integer[group.size()];
        byte[][] bodies = new byte[group.size()][];
        Integer[] eventBatch = new Integer[events];
        Integer[] eventIndex = new Integer[events];
        Integer[] eventBucket = new Integer[events];
        int row = 0;
        for (int i = 0; i < group.size(); i++) {
            Append append = group.get(i);
            apps[i] = append.app();
            receivedAt[i] = append.receivedAtMicros();
            eventCounts[i] = append.eventBuckets().length;
            bodies[i] = append.body();
            int[] eventBuckets = append.eventBuckets();
            for (int index = 0; index < eventBuckets.length; index++) {
                eventBatch[row] = i + 1;
                eventIndex[row] = index;
                eventBucket[row] = eventBuckets[index];
                row++;
            }
        }
        long started = System.nanoTime();
        // One statement in autocommit: its own transaction, one round trip, committed synchronously.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT ids, seqs FROM baton_append(?, ?, ?, ?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(true);
            statement.setArray(1, connection.createArrayOf("text", apps));
            statement.setArray(2, connection.createArrayOf("bigint", receivedAt));
            statement.setArray(3, connection.createArrayOf("integer", eventCounts));
            statement.setArray(4, connection.createArrayOf("bytea", bodies));
            statement.setArray(5, connection.createArrayOf("integer", eventBatch));
            statement.setArray(6, connection.createArrayOf("integer", eventIndex));
            statement.setArray(7, connection.createArrayOf("integer", eventBucket));
            statement.setString(8, sender);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                Long[] taken = (Long[]) result.getArray(1).getArray();
                if (taken.length != group.size()) {
                    throw new SQLException("the append returned " + taken.length + " ids for " + group.size()
                            + " batches");
                }
                ids = new long[taken.length];
                for (int i = 0; i < taken.length; i++) {
                    ids[i] = taken[i];
                }
                Long[] numbers = (Long[]) result.getArray(2).getArray();
                if (numbers.length != events) {
                    throw new SQLException("the append returned " + numbers.length + " sequence numbers for "
                            + events + " events");
                }
                seqs = new long[numbers.length];
                for (int i = 0; i < numbers.length; i++) {
                    seqs[i] = numbers[i];
                }
            }
        } catch (SQLException e) {
            fail(group, e);
            return;
        }
        commitTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        groupSize.record(group.size());
        List<Append> done = List.copyOf(group);
        List<Appended> appended = new ArrayList<>(group.size());
        int first = 0;
        for (int i = 0; i < group.size(); i++) {
            Append append = group.get(i);
            int count = append.eventBuckets().length;
            appended.add(new Appended(ids[i], append.app(), append.body(), append.receivedAtMicros(),
                    append.eventBuckets(), java.util.Arrays.copyOfRange(seqs, first, first + count)));
            first += count;
        }
        // The futures' dependants (the ingest's answer to each request) run on another thread, so that the
        // next group's statement starts at once instead of after every response of this one is written.
        completions.execute(() -> {
            try {
                committed.appended(appended);
            } catch (RuntimeException e) {
                LOG.warn("local wake-up after an append failed", e);
            }
            for (int i = 0; i < done.size(); i++) {
                done.get(i).done().complete(ids[i]);
            }
        });
    }

    private static void fail(List<Append> group, Exception cause) {
        LOG.warn("a group of {} appends failed ({})", group.size(), cause.getMessage());
        JournalUnavailableException failure = new JournalUnavailableException(
                "the journal cannot store the batch: " + cause.getMessage(), cause);
        for (Append append : group) {
            append.done().completeExceptionally(failure);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        completions.shutdown();
        try {
            completions.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
