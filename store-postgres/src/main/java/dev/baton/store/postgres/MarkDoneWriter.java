package dev.baton.store.postgres;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks events done in batches, on one thread, fenced: an event is marked only when its bucket's lease row
 * still names this instance with the epoch it holds (locked FOR SHARE, so a takeover waits for the mark or
 * the mark sees the new epoch and is dropped). These statements commit without waiting for the disk (their
 * pool's sessions have synchronous_commit off): a lost mark replays an event, which the dedupe claim turns
 * into a flagged redelivery.
 */
final class MarkDoneWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MarkDoneWriter.class);
    private static final int MAX_GROUP = 2048;
    private static final long LINGER_MILLIS = 5;

    private record Mark(long batchId, int index) {}

    private final DataSource dataSource;
    private final BucketLeases leases;
    private final LinkedBlockingQueue<Mark> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Counter failures;
    private final Counter fenced;
    private volatile boolean closed;

    MarkDoneWriter(DataSource dataSource, BucketLeases leases, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.leases = leases;
        this.failures = Counter.builder("baton.journal.markdone.failures").register(registry);
        this.fenced = Counter.builder("baton.store.fenced.writes").tag("write", "markDone").register(registry);
        this.thread = new Thread(this::run, "baton-postgres-markdone");
        thread.setDaemon(true);
        thread.start();
    }

    void offer(long batchId, int index) {
        queue.add(new Mark(batchId, index));
    }

    private void run() {
        List<Mark> group = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Mark first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                if (queue.size() < MAX_GROUP / 8 && !closed) {
                    // Marks are not waited for (a lost one only replays an event): gather a few
                    // milliseconds' worth so that one statement carries many.
                    Thread.sleep(LINGER_MILLIS);
                }
                queue.drainTo(group, MAX_GROUP - 1);
                write(group);
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            } catch (SQLException | RuntimeException e) {
                failures.increment(group.size());
                LOG.debug("markDone not kept; the events will be replayed, flagged redelivered", e);
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Mark> group) throws SQLException {
        Set<Integer> held = leases.heldBuckets();
        if (held.isEmpty()) {
            fenced.increment(group.size());
            return;
        }
        Integer[] buckets = held.toArray(new Integer[0]);
        Long[] epochs = new Long[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
            BucketLeases.Held lease = leases.current(buckets[i]);
            epochs[i] = lease == null ? -1L : lease.epoch();
        }
        Long[] batchIds = new Long[group.size()];
        Integer[] indexes = new Integer[group.size()];
        for (int i = 0; i < group.size(); i++) {
            batchIds[i] = group.get(i).batchId();
            indexes[i] = group.get(i).index();
        }
        // One statement in autocommit on a session with synchronous_commit off: one round trip per group.
        // Only the lease rows of the buckets these events are in are locked. A done event's row is deleted
        // rather than updated: an update writes a new row version and index entry per event (done is in the
        // open-events index's predicate, so it can never be a HOT update), a delete only marks the row. "Done"
        // is therefore "no row, or done = true" (rows an instance of an earlier version marked).
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "WITH marks AS (SELECT * FROM unnest(?::bigint[], ?::integer[]) d(batch_id, idx)),"
                                + " held AS (SELECT l.bucket FROM baton_bucket l"
                                + " JOIN unnest(?::integer[], ?::bigint[]) h(bucket, epoch)"
                                + " ON h.bucket = l.bucket AND h.epoch = l.epoch"
                                + " WHERE l.holder = ? AND l.expires_at > now() AND l.bucket IN"
                                + " (SELECT e.bucket FROM journal_event e JOIN marks m"
                                + " ON e.batch_id = m.batch_id AND e.idx = m.idx)"
                                + " ORDER BY l.bucket FOR SHARE OF l)"
                                + " DELETE FROM journal_event e USING marks d"
                                + " WHERE e.batch_id = d.batch_id AND e.idx = d.idx AND NOT e.done"
                                + " AND e.bucket IN (SELECT bucket FROM held)")) {
            connection.setAutoCommit(true);
            statement.setArray(1, connection.createArrayOf("bigint", batchIds));
            statement.setArray(2, connection.createArrayOf("integer", indexes));
            statement.setArray(3, connection.createArrayOf("integer", buckets));
            statement.setArray(4, connection.createArrayOf("bigint", epochs));
            statement.setString(5, leases.instanceId());
            int marked = statement.executeUpdate();
            if (marked < group.size()) {
                // Already done, unknown, or in a bucket this instance no longer holds.
                fenced.increment(group.size() - marked);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
