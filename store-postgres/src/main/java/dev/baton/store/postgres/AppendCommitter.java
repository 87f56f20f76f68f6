package dev.baton.store.postgres;

import dev.baton.spi.JournalUnavailableException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of appends: a few committer threads each take every append waiting (up to a group's size) and
 * store them in ONE transaction (one batch row and one row per event each, the touched buckets' sequences
 * advanced), so concurrent requests share one synchronous commit. PostgreSQL's own synchronous commit is on
 * for these transactions: when a future completes, the batch is on the server's disk (and its synchronous
 * standbys', where configured).
 *
 * <p>The committers have a pool of their own, so appends never wait for a connection behind the
 * dispatcher's store writes. Order: the transaction locks the touched buckets' sequence rows (in bucket order, so two committers never
 * deadlock) before it takes batch ids and sequence numbers, and keeps the locks until commit. Within a
 * bucket, batch ids and sequences therefore grow in commit order, across every instance on the database.
 * The commit also notifies channel {@value #CHANNEL} with the touched buckets, which wakes their holders.
 */
final class AppendCommitter implements AutoCloseable {

    static final String CHANNEL = "baton_work";
    private static final Logger LOG = LoggerFactory.getLogger(AppendCommitter.class);
    private static final int MAX_GROUP = 512;

    /** One append waiting for its commit. */
    record Append(String app, byte[] body, long receivedAtMicros, int[] eventBuckets, CompletableFuture<Long> done) {}

    /** Committed appends, heard by the local wake-up before the futures complete. */
    interface Committed {
        void buckets(java.util.Set<Integer> buckets);
    }

    private final DataSource dataSource;
    private final BlockingQueue<Append> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final Committed committed;
    private volatile boolean closed;

    AppendCommitter(DataSource dataSource, int committers, int queueCapacity, Committed committed) {
        this.dataSource = dataSource;
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
        TreeSet<Integer> touched = new TreeSet<>();
        for (Append append : group) {
            for (int bucket : append.eventBuckets()) {
                touched.add(bucket);
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<Integer, Long> next = lockBuckets(connection, touched);
                ids = takeIds(connection, group.size());
                insertBatches(connection, group, ids);
                insertEvents(connection, group, ids, next);
                advance(connection, next);
                notifyHolders(connection, touched);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            fail(group, e);
            return;
        }
        try {
            committed.buckets(touched);
        } catch (RuntimeException e) {
            LOG.warn("local wake-up after an append failed", e);
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).done().complete(ids[i]);
        }
    }

    private static Map<Integer, Long> lockBuckets(Connection connection, TreeSet<Integer> touched)
            throws SQLException {
        Map<Integer, Long> next = new HashMap<>();
        if (touched.isEmpty()) {
            return next;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT bucket, next_seq FROM baton_bucket_seq WHERE bucket = ANY(?) ORDER BY bucket FOR UPDATE")) {
            statement.setArray(1, BucketLeases.ints(connection, touched));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    next.put(rows.getInt(1), rows.getLong(2));
                }
            }
        }
        if (next.size() != touched.size()) {
            throw new SQLException("bucket rows missing: the database was set up for fewer buckets");
        }
        return next;
    }

    private static long[] takeIds(Connection connection, int count) throws SQLException {
        long[] ids = new long[count];
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT nextval('journal_batch_id') FROM generate_series(1, ?)")) {
            statement.setInt(1, count);
            try (ResultSet rows = statement.executeQuery()) {
                int i = 0;
                while (rows.next()) {
                    ids[i++] = rows.getLong(1);
                }
            }
        }
        java.util.Arrays.sort(ids);
        return ids;
    }

    private static void insertBatches(Connection connection, List<Append> group, long[] ids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO journal_batch (id, app, received_at, event_count, body) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < group.size(); i++) {
                Append append = group.get(i);
                statement.setLong(1, ids[i]);
                statement.setString(2, append.app());
                statement.setLong(3, append.receivedAtMicros());
                statement.setInt(4, append.eventBuckets().length);
                statement.setBytes(5, append.body());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void insertEvents(Connection connection, List<Append> group, long[] ids, Map<Integer, Long> next)
            throws SQLException {
        int total = 0;
        for (Append append : group) {
            total += append.eventBuckets().length;
        }
        if (total == 0) {
            return;
        }
        Long[] batchIds = new Long[total];
        Integer[] indexes = new Integer[total];
        Integer[] buckets = new Integer[total];
        Long[] seqs = new Long[total];
        int row = 0;
        for (int i = 0; i < group.size(); i++) {
            int[] eventBuckets = group.get(i).eventBuckets();
            for (int index = 0; index < eventBuckets.length; index++) {
                int bucket = eventBuckets[index];
                long seq = next.merge(bucket, 1L, Long::sum);
                batchIds[row] = ids[i];
                indexes[row] = index;
                buckets[row] = bucket;
                seqs[row] = seq;
                row++;
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO journal_event (batch_id, idx, bucket, seq)"
                        + " SELECT * FROM unnest(?::bigint[], ?::integer[], ?::integer[], ?::bigint[])")) {
            statement.setArray(1, connection.createArrayOf("bigint", batchIds));
            statement.setArray(2, connection.createArrayOf("integer", indexes));
            statement.setArray(3, connection.createArrayOf("integer", buckets));
            statement.setArray(4, connection.createArrayOf("bigint", seqs));
            statement.executeUpdate();
        }
    }

    private static void advance(Connection connection, Map<Integer, Long> next) throws SQLException {
        if (next.isEmpty()) {
            return;
        }
        Integer[] buckets = next.keySet().toArray(new Integer[0]);
        Long[] seqs = new Long[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
            seqs[i] = next.get(buckets[i]);
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE baton_bucket_seq b SET next_seq = d.seq FROM unnest(?::integer[], ?::bigint[]) d(bucket, seq)"
                        + " WHERE b.bucket = d.bucket")) {
            Array bucketArray = connection.createArrayOf("integer", buckets);
            statement.setArray(1, bucketArray);
            statement.setArray(2, connection.createArrayOf("bigint", seqs));
            statement.executeUpdate();
        }
    }

    private static void notifyHolders(Connection connection, TreeSet<Integer> touched) throws SQLException {
        if (touched.isEmpty()) {
            return;
        }
        StringJoiner payload = new StringJoiner(",");
        touched.forEach(bucket -> payload.add(Integer.toString(bucket)));
        String text = payload.length() < 7000 ? payload.toString() : "*";
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            statement.setString(1, text);
            statement.execute();
        }
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
    }
}
