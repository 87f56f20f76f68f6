package dev.baton.store.postgres;

import dev.baton.event.ConversationKey;
import dev.baton.spi.ConversationStore.StoredTimer;
import dev.baton.spi.JournaledBatch;
import dev.baton.spi.WorkSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link WorkSource} of the PostgreSQL store: feeds the dispatcher the events of the buckets this
 * instance holds, per bucket in sequence order, on one thread.
 *
 * <p>Per held bucket it keeps a cursor (the highest sequence fed). Taking a bucket (at start or from another
 * instance) reads the bucket's {@code next_seq}, feeds every undone event up to it flagged replayed, hands
 * over the bucket's timers, and sets the cursor there; from then on a wake-up (own append, NOTIFY from
 * another instance, or a one-second safety poll) feeds the undone events past the cursor. Losing a bucket
 * drops its cursor.
 *
 * <p>A timer set from any instance ({@link #schedule}) is written without fencing (it is an input, like a
 * webhook), and the bucket's holder is told through NOTIFY to adopt the bucket's timers.
 */
final class WorkFeed implements WorkSource, BucketLeases.Listener {

    /** Where the buckets of the events fed are remembered for their claims. */
    private final EventBuckets eventBuckets;

    private static final Logger LOG = LoggerFactory.getLogger(WorkFeed.class);
    private static final long SAFETY_POLL_MILLIS = 1_000;
    private static final int LOCAL_GROUPS = 1_000;
    static final String TIMER_CHANNEL = "baton_timers";

    private final DataSource dataSource;
    private final BucketLeases leases;
    private final PostgresConversationStore store;
    private final Map<Integer, Long> cursors = new ConcurrentHashMap<>();
    private final Set<Integer> takeovers = new TreeSet<>();
    private final Set<Integer> dirty = new TreeSet<>();
    private final Set<Integer> timerBuckets = new TreeSet<>();
    /** This instance's committed appends, in commit order, not yet fed (guarded by {@link #lock}). */
    private final java.util.ArrayDeque<List<AppendCommitter.Appended>> local = new java.util.ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private final Timer takeoverTime;
    private volatile WorkSource.Sink sink;
    private volatile Thread thread;
    private volatile boolean stopped;

    WorkFeed(DataSource dataSource, BucketLeases leases, PostgresConversationStore store, MeterRegistry registry,
            EventBuckets eventBuckets) {
        this.eventBuckets = eventBuckets;
        this.dataSource = dataSource;
        this.leases = leases;
        this.store = store;
        this.takeoverTime = Timer.builder("baton.store.takeover").description("feeding a taken bucket's backlog")
                .register(registry);
        Gauge.builder("baton.store.backlog", this, WorkFeed::backlogSafely)
                .description("undone events in the buckets this instance holds").register(registry);
    }

    @Override
    public boolean runsHere(ConversationKey conversation) {
        return leases.holds(leases.buckets().of(conversation));
    }

    @Override
    public void start(WorkSource.Sink newSink) {
        lock.lock();
        try {
            if (sink != null) {
                throw new IllegalStateException("the work feed is already started");
            }
            sink = newSink;
            takeovers.addAll(leases.heldBuckets());
        } finally {
            lock.unlock();
        }
        Thread feeding = new Thread(this::run, "baton-postgres-feed");
        feeding.setDaemon(true);
        thread = feeding;
        feeding.start();
    }

    @Override
    public void acquired(int bucket, long epoch) {
        lock.lock();
        try {
            cursors.remove(bucket);
            if (sink != null) {
                takeovers.add(bucket);
                signal.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void lost(int bucket) {
        lock.lock();
        try {
            cursors.remove(bucket);
            takeovers.remove(bucket);
            dirty.remove(bucket);
        } finally {
            lock.unlock();
        }
    }

    /** New events in {@code buckets} (held by this instance). */
    void wake(Set<Integer> buckets) {
        lock.lock();
        try {
            dirty.addAll(buckets);
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * This instance's own appends, just committed (in commit order): fed from memory when they follow a held
     * bucket's cursor, without reading them back; otherwise (a gap: another instance appended to the bucket
     * in between, or a takeover is under way) the bucket is read from its cursor as for a NOTIFY. Past
     * {@value #LOCAL_GROUPS} groups waiting (the dispatcher is behind), further groups only mark their buckets.
     */
    void appended(List<AppendCommitter.Appended> batches) {
        lock.lock();
        try {
            if (local.size() < LOCAL_GROUPS) {
                local.add(batches);
            } else {
                for (AppendCommitter.Appended batch : batches) {
                    for (int bucket : batch.buckets()) {
                        if (leases.holds(bucket)) {
                            dirty.add(bucket);
                        }
                    }
                }
            }
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** New timers in {@code buckets} (held by this instance). */
    void wakeTimers(Set<Integer> buckets) {
        lock.lock();
        try {
            timerBuckets.addAll(buckets);
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void schedule(StoredTimer timer) {
        int bucket = leases.buckets().of(timer.key());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO timer (app, page_id, user_id, name, bucket, due_at, due_at_nanos) VALUES (?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (app, page_id, user_id, name) DO UPDATE SET due_at = excluded.due_at,"
                            + " due_at_nanos = excluded.due_at_nanos");
                    PreparedStatement notify = connection.prepareStatement(
                            "SELECT pg_notify('" + TIMER_CHANNEL + "', ?)")) {
                statement.setString(1, timer.appName());
                statement.setString(2, timer.key().pageId());
                statement.setString(3, timer.key().userId());
                statement.setString(4, timer.timerName());
                statement.setInt(5, bucket);
                statement.setLong(6, Micros.of(timer.dueAt()));
                statement.setLong(7, Micros.nanos(timer.dueAt()));
                statement.executeUpdate();
                notify.setString(1, Integer.toString(bucket));
                notify.execute();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new PostgresStoreException("keeping a trigger's timer failed: " + e.getMessage(), e);
        }
        if (leases.holds(bucket)) {
            wakeTimers(Set.of(bucket));
        }
    }

    @Override
    public void stop() {
        stopped = true;
        lock.lock();
        try {
            signal.signalAll();
        } finally {
            lock.unlock();
        }
        Thread feeding = thread;
        if (feeding != null && feeding != Thread.currentThread()) {
            feeding.interrupt();
            try {
                feeding.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!stopped) {
            Set<Integer> takeNow;
            Set<Integer> feedNow;
            Set<Integer> timersNow;
            List<List<AppendCommitter.Appended>> localNow;
            lock.lock();
            try {
                if (takeovers.isEmpty() && dirty.isEmpty() && timerBuckets.isEmpty() && local.isEmpty()) {
                    boolean woken = signal.await(SAFETY_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (!woken && takeovers.isEmpty() && dirty.isEmpty() && local.isEmpty()) {
                        dirty.addAll(cursors.keySet()); // the safety net: a missed NOTIFY only delays
                    }
                }
                localNow = new java.util.ArrayList<>(local);
                local.clear();
                takeNow = new TreeSet<>(takeovers);
                takeovers.clear();
                feedNow = new TreeSet<>(dirty);
                dirty.clear();
                timersNow = new TreeSet<>(timerBuckets);
                timerBuckets.clear();
            } catch (InterruptedException e) {
                if (stopped) {
                    return;
                }
                continue;
            } finally {
                lock.unlock();
            }
            try {
                for (int bucket : takeNow) {
                    takeOver(bucket);
                }
                feedNow.removeAll(takeNow);
                feedNew(feedNow);
                timersNow.removeAll(takeNow);
                adoptTimers(timersNow);
                Set<Integer> gaps = feedLocal(localNow);
                if (!gaps.isEmpty()) {
                    wake(gaps);
                }
            } catch (RuntimeException | SQLException e) {
                if (stopped) {
                    return;
                }
                LOG.warn("feeding journaled work failed ({}); trying again", e.getMessage());
                lock.lock();
                try {
                    // What was not fed is taken again: takeovers from scratch, the rest from the cursors.
                    for (int bucket : takeNow) {
                        if (leases.holds(bucket) && !cursors.containsKey(bucket)) {
                            takeovers.add(bucket);
                        }
                    }
                    dirty.addAll(feedNow);
                    timerBuckets.addAll(timersNow);
                    for (List<AppendCommitter.Appended> group : localNow) {
                        for (AppendCommitter.Appended batch : group) {
                            for (int bucket : batch.buckets()) {
                                if (cursors.containsKey(bucket)) {
                                    dirty.add(bucket);
                                }
                            }
                        }
                    }
                } finally {
                    lock.unlock();
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * Feeds this instance's own committed appends from memory, batch by batch in commit order: an event is fed
     * when its bucket is held with a cursor just below its sequence number (then the cursor moves on), skipped
     * when the cursor is past it already (a read fed it), and otherwise left to a read of its bucket (returned
     * here), which finds it past the cursor. A batch is handed over with every event not fed here marked done,
     * as a read hands over only its buckets' events.
     */
    private Set<Integer> feedLocal(List<List<AppendCommitter.Appended>> groups) {
        Set<Integer> gaps = new TreeSet<>();
        for (List<AppendCommitter.Appended> group : groups) {
            for (AppendCommitter.Appended batch : group) {
                int[] buckets = batch.buckets();
                Set<Integer> done = null;
                int fed = 0;
                for (int index = 0; index < buckets.length; index++) {
                    int bucket = buckets[index];
                    long seq = batch.seqs()[index];
                    Long cursor = cursors.get(bucket);
                    boolean here = cursor != null && leases.holds(bucket);
                    // replace, not put: a bucket lost meanwhile (its cursor removed) must not get one back
                    if (here && seq == cursor + 1 && cursors.replace(bucket, cursor, seq)) {
                        eventBuckets.remember(batch.id(), index, bucket);
                        fed++;
                        continue;
                    }
                    if (here && seq > cursor + 1) {
                        gaps.add(bucket);
                    }
                    if (done == null) {
                        done = new HashSet<>();
                    }
                    done.add(index);
                }
                if (fed > 0) {
                    sink.batch(new JournaledBatch(batch.id(), batch.app(), batch.body(),
                            Micros.toInstant(batch.receivedAtMicros()), done == null ? Set.of() : done), false);
                }
            }
        }
        return gaps;
    }

    /** Feeds a newly held bucket's undone events (replayed) and timers, then starts its cursor. */
    private void takeOver(int bucket) throws SQLException {
        if (!leases.holds(bucket)) {
            return;
        }
        long started = System.nanoTime();
        long upTo;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT next_seq FROM baton_bucket_seq WHERE bucket = ?")) {
                statement.setInt(1, bucket);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    upTo = row.getLong(1);
                }
            }
            Map<Integer, Long> from = Map.of(bucket, 0L);
            feed(connection, from, Map.of(bucket, upTo), true);
        }
        List<StoredTimer> timers = store.timers(Set.of(bucket));
        cursors.put(bucket, upTo);
        if (!timers.isEmpty()) {
            sink.timers(timers);
        }
        takeoverTime.record(Duration.ofNanos(System.nanoTime() - started));
    }

    private void feedNew(Set<Integer> buckets) throws SQLException {
        Map<Integer, Long> from = new HashMap<>();
        for (int bucket : buckets) {
            Long cursor = cursors.get(bucket);
            if (cursor != null && leases.holds(bucket)) {
                from.put(bucket, cursor);
            }
        }
        if (from.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            Map<Integer, Long> fed = feed(connection, from, null, false);
            fed.forEach((bucket, seq) -> cursors.computeIfPresent(bucket, (b, old) -> Math.max(old, seq)));
        }
    }

    private void adoptTimers(Set<Integer> buckets) {
        Set<Integer> mine = new TreeSet<>();
        for (int bucket : buckets) {
            if (leases.holds(bucket)) {
                mine.add(bucket);
            }
        }
        if (!mine.isEmpty()) {
            List<StoredTimer> timers = store.timers(mine);
            if (!timers.isEmpty()) {
                sink.timers(timers);
            }
        }
    }

    /**
     * Feeds the undone events of each bucket with sequence above {@code from} (and at most {@code upTo}, when
     * given), oldest batch first; returns the highest sequence fed per bucket.
     */
    private Map<Integer, Long> feed(Connection connection, Map<Integer, Long> from, Map<Integer, Long> upTo,
            boolean replayed) throws SQLException {
        Integer[] buckets = from.keySet().toArray(new Integer[0]);
        Long[] after = new Long[buckets.length];
        Long[] limit = new Long[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
            after[i] = from.get(buckets[i]);
            limit[i] = upTo == null ? Long.MAX_VALUE : upTo.get(buckets[i]);
        }
        Map<Long, Set<Integer>> open = new LinkedHashMap<>();
        Map<Integer, Long> highest = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT e.batch_id, e.idx, e.bucket, e.seq FROM journal_event e"
                        + " JOIN unnest(?::integer[], ?::bigint[], ?::bigint[]) c(bucket, after, up_to)"
                        + " ON e.bucket = c.bucket AND e.seq > c.after AND e.seq <= c.up_to"
                        + " WHERE NOT e.done ORDER BY e.batch_id, e.idx")) {
            statement.setArray(1, connection.createArrayOf("integer", buckets));
            statement.setArray(2, connection.createArrayOf("bigint", after));
            statement.setArray(3, connection.createArrayOf("bigint", limit));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    open.computeIfAbsent(rows.getLong(1), id -> new HashSet<>()).add(rows.getInt(2));
                    eventBuckets.remember(rows.getLong(1), rows.getInt(2), rows.getInt(3));
                    highest.merge(rows.getInt(3), rows.getLong(4), Math::max);
                }
            }
        }
        if (open.isEmpty()) {
            return highest;
        }
        List<JournaledBatch> batches = PostgresEventJournal.batchesWithUndone(connection, open);
        for (JournaledBatch batch : batches) {
            sink.batch(batch, replayed);
        }
        return highest;
    }

    private double backlogSafely() {
        Set<Integer> held = leases.heldBuckets();
        if (held.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT count(*) FROM journal_event WHERE NOT done AND bucket = ANY(?)")) {
                statement.setArray(1, BucketLeases.ints(connection, held));
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        } catch (SQLException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
