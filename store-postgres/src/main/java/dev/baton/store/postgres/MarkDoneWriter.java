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
 * the mark sees the new epoch and is dropped). These transactions commit without waiting for the disk: a
 * lost mark replays an event, which the dedupe claim turns into a flagged redelivery.
 */
final class MarkDoneWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MarkDoneWriter.class);
    private static final int MAX_GROUP = 2048;

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
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement async = connection.prepareStatement("SET LOCAL synchronous_commit = off");
                    PreparedStatement statement = connection.prepareStatement(
                            "WITH held AS (SELECT l.bucket FROM baton_bucket l"
                                    + " JOIN unnest(?::integer[], ?::bigint[]) h(bucket, epoch)"
                                    + " ON h.bucket = l.bucket AND h.epoch = l.epoch"
                                    + " WHERE l.holder = ? AND l.expires_at > now() ORDER BY l.bucket FOR SHARE OF l)"
                                    + " UPDATE journal_event e SET done = true"
                                    + " FROM unnest(?::bigint[], ?::integer[]) d(batch_id, idx)"
                                    + " WHERE e.batch_id = d.batch_id AND e.idx = d.idx"
                                    + " AND e.bucket IN (SELECT bucket FROM held)")) {
                async.execute();
                statement.setArray(1, connection.createArrayOf("integer", buckets));
                statement.setArray(2, connection.createArrayOf("bigint", epochs));
                statement.setString(3, leases.instanceId());
                statement.setArray(4, connection.createArrayOf("bigint", batchIds));
                statement.setArray(5, connection.createArrayOf("integer", indexes));
                int marked = statement.executeUpdate();
                connection.commit();
                if (marked < group.size()) {
                    // Already done, unknown, or in a bucket this instance no longer holds.
                    fenced.increment(group.size() - marked);
                }
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
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
