package dev.baton.store.postgres;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's leases on buckets. Every third of the lease TTL it heartbeats, reads the live instances
 * (heartbeat younger than the TTL), works out its share (bucket {@code b} goes to the {@code b mod n}-th live
 * instance by id, so the spread is even and follows joins and leaves), renews what it holds, releases what is
 * no longer its share and takes over its share's buckets once they are free or expired. Taking a bucket
 * raises its epoch: the fencing token that every bucket-dependent write carries ({@link #fence}).
 *
 * <p>Locally a lease counts only until {@code (start of the renewal that granted it) + TTL - margin} on this
 * JVM's monotonic clock: an instance frozen past that (SIGSTOP, a long GC pause) sees on waking that it holds
 * nothing, before it could send anything, and the database refuses its writes anyway once a newer holder
 * took the bucket.
 *
 * <p>Listeners hear {@code acquired} after a bucket is taken and {@code lost} before (on release) or right
 * after (on expiry) it stops counting; they are called on the lease thread, in registration order.
 */
final class BucketLeases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BucketLeases.class);

    /** One lease this instance holds. */
    record Held(int bucket, long epoch, long validUntilNanos) {}

    interface Listener {
        void acquired(int bucket, long epoch);

        void lost(int bucket);
    }

    /** The condition a fenced write adds: the lease row exists with this holder and epoch, locked FOR SHARE. */
    static final String FENCE = "SELECT bucket FROM baton_bucket WHERE bucket = ? AND holder = ? AND epoch = ?"
            + " AND expires_at > now() FOR SHARE";

    /**
     * Every statement that locks several bucket rows locks them in bucket order (as the append's
     * {@code FOR UPDATE} does), so two of them never deadlock.
     */
    static final String ORDERED = " ORDER BY bucket FOR UPDATE";

    private final DataSource dataSource;
    private final Buckets buckets;
    private final String instanceId;
    private final Duration ttl;
    private final long validityNanos;
    private final Map<Integer, Held> held = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService keeper;
    private final Counter acquiredCount;
    private final Counter lostCount;
    private final Counter roundFailures;
    private volatile int liveInstances;
    private volatile boolean closed;

    BucketLeases(DataSource dataSource, Buckets buckets, String instanceId, Duration ttl, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.buckets = buckets;
        this.instanceId = instanceId;
        this.ttl = ttl;
        // A tenth of the TTL for the clocks' disagreement and the renewal's own round trip.
        this.validityNanos = ttl.toNanos() - ttl.toNanos() / 10;
        this.keeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "baton-postgres-leases");
            thread.setDaemon(true);
            return thread;
        });
        this.acquiredCount = Counter.builder("baton.store.leases.acquired").register(registry);
        this.lostCount = Counter.builder("baton.store.leases.lost").register(registry);
        this.roundFailures = Counter.builder("baton.store.leases.renewal.failures").register(registry);
        Gauge.builder("baton.store.leases.held", this, leases -> leases.heldBuckets().size()).register(registry);
        Gauge.builder("baton.store.instances.live", this, leases -> leases.liveInstances).register(registry);
    }

    String instanceId() {
        return instanceId;
    }

    Buckets buckets() {
        return buckets;
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Runs a first round now (so a sole instance holds every free bucket on return), then every TTL/3. */
    void start() {
        round();
        long period = Math.max(50, ttl.toMillis() / 3);
        keeper.scheduleWithFixedDelay(this::roundSafely, period, period, TimeUnit.MILLISECONDS);
    }

    /** The lease on {@code bucket} while it still counts on this JVM's clock; null otherwise. */
    Held current(int bucket) {
        Held lease = held.get(bucket);
        return lease != null && System.nanoTime() - lease.validUntilNanos < 0 ? lease : null;
    }

    boolean holds(int bucket) {
        return current(bucket) != null;
    }

    /** The buckets whose leases count now. */
    Set<Integer> heldBuckets() {
        Set<Integer> out = new TreeSet<>();
        for (Held lease : held.values()) {
            if (current(lease.bucket()) != null) {
                out.add(lease.bucket());
            }
        }
        return out;
    }

    int liveInstances() {
        return liveInstances;
    }

    /**
     * This instance's share of the Page's send budget: the buckets whose leases count now over all buckets.
     * Leases are exclusive, so the instances' shares never add up to more than one: a bucket stops counting
     * here before it is handed back (and a lapsed lease before the database lets another take it), and counts
     * at the new holder only once it took it.
     */
    double sendShare() {
        return shareOf(heldCount(), buckets.count());
    }

    static double shareOf(int held, int bucketCount) {
        return bucketCount == 0 ? 0 : Math.min(1.0, (double) held / bucketCount);
    }

    private int heldCount() {
        long now = System.nanoTime();
        int count = 0;
        for (Held lease : held.values()) {
            if (now - lease.validUntilNanos() < 0) {
                count++;
            }
        }
        return count;
    }

    /**
     * The lease a fenced write on {@code bucket} must carry; throws {@link FencedWriteException} when this
     * instance does not hold it now.
     */
    Held fence(int bucket, String what) {
        Held lease = current(bucket);
        if (lease == null) {
            throw new FencedWriteException(bucket, what);
        }
        return lease;
    }

    /** Binds {@link #FENCE}'s three parameters from {@code first}. */
    void bindFence(PreparedStatement statement, int first, Held lease) throws SQLException {
        statement.setInt(first, lease.bucket());
        statement.setString(first + 1, instanceId);
        statement.setLong(first + 2, lease.epoch());
    }

    private void roundSafely() {
        try {
            round();
        } catch (RuntimeException e) {
            roundFailures.increment();
            LOG.warn("lease renewal failed ({}); leases lapse locally if it keeps failing", e.getMessage());
            expireLapsed();
        }
    }

    /** One heartbeat, renewal, release and takeover; synchronized with close. */
    synchronized void round() {
        if (closed) {
            return;
        }
        long started = System.nanoTime();
        List<int[]> gained = new ArrayList<>();
        Set<Integer> lostNow = new TreeSet<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            heartbeat(connection);
            List<String> live = liveInstances(connection);
            liveInstances = live.size();
            Set<Integer> share = share(live);
            // Release first what is no longer ours, so that a joining instance gets it within one period.
            Set<Integer> release = new TreeSet<>(held.keySet());
            release.removeAll(share);
            for (int bucket : release) {
                held.remove(bucket);
                lostNow.add(bucket);
                fireLost(bucket);
            }
            if (!release.isEmpty()) {
                release(connection, release);
            }
            Set<Integer> renewed = renew(connection, started);
            for (Integer bucket : Set.copyOf(held.keySet())) {
                if (!renewed.contains(bucket)) {
                    held.remove(bucket);
                    lostNow.add(bucket);
                    fireLost(bucket);
                }
            }
            Set<Integer> wanted = new TreeSet<>(share);
            wanted.removeAll(held.keySet());
            if (!wanted.isEmpty()) {
                gained.addAll(acquire(connection, wanted, started));
            }
        } catch (SQLException e) {
            throw new PostgresStoreException("lease round failed: " + e.getMessage(), e);
        }
        if (!lostNow.isEmpty()) {
            lostCount.increment(lostNow.size());
            LOG.info("instance {} gave up buckets {}", instanceId, lostNow);
        }
        if (!gained.isEmpty()) {
            acquiredCount.increment(gained.size());
            List<Integer> names = gained.stream().map(pair -> pair[0]).toList();
            LOG.info("instance {} took buckets {}", instanceId, names);
            for (int[] pair : gained) {
                for (Listener listener : listeners) {
                    try {
                        listener.acquired(pair[0], held.get(pair[0]).epoch());
                    } catch (RuntimeException e) {
                        LOG.error("a lease listener failed on acquiring bucket {}", pair[0], e);
                    }
                }
            }
        }
    }

    private void expireLapsed() {
        for (Held lease : List.copyOf(held.values())) {
            if (current(lease.bucket()) == null && held.remove(lease.bucket(), lease)) {
                lostCount.increment();
                fireLost(lease.bucket());
            }
        }
    }

    private void fireLost(int bucket) {
        for (Listener listener : listeners) {
            try {
                listener.lost(bucket);
            } catch (RuntimeException e) {
                LOG.error("a lease listener failed on losing bucket {}", bucket, e);
            }
        }
    }

    private void heartbeat(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO baton_instance (id, heartbeat_at) VALUES (?, now())"
                        + " ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()")) {
            statement.setString(1, instanceId);
            statement.executeUpdate();
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM baton_instance WHERE heartbeat_at < now() - ?::interval")) {
            statement.setString(1, (ttl.toMillis() * 10) + " milliseconds");
            statement.executeUpdate();
        }
    }

    private List<String> liveInstances(Connection connection) throws SQLException {
        List<String> live = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id FROM baton_instance WHERE heartbeat_at > now() - ?::interval ORDER BY id")) {
            statement.setString(1, ttl.toMillis() + " milliseconds");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    live.add(rows.getString(1));
                }
            }
        }
        if (!live.contains(instanceId)) {
            live.add(instanceId);
            live.sort(null);
        }
        return live;
    }

    private Set<Integer> share(List<String> live) {
        int me = live.indexOf(instanceId);
        Set<Integer> share = new TreeSet<>();
        for (int bucket = 0; bucket < buckets.count(); bucket++) {
            if (bucket % live.size() == me) {
                share.add(bucket);
            }
        }
        return share;
    }

    private void release(Connection connection, Set<Integer> release) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE baton_bucket SET holder = NULL, expires_at = '-infinity' WHERE bucket IN"
                        + " (SELECT bucket FROM baton_bucket WHERE holder = ? AND bucket = ANY(?)"
                        + ORDERED + ")")) {
            statement.setString(1, instanceId);
            statement.setArray(2, ints(connection, release));
            statement.executeUpdate();
        }
    }

    private Set<Integer> renew(Connection connection, long started) throws SQLException {
        Set<Integer> renewed = new TreeSet<>();
        if (held.isEmpty()) {
            return renewed;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE baton_bucket SET expires_at = now() + ?::interval WHERE bucket IN"
                        + " (SELECT bucket FROM baton_bucket WHERE holder = ? AND bucket = ANY(?)"
                        + " AND expires_at > now()" + ORDERED + ") RETURNING bucket, epoch")) {
            statement.setString(1, ttl.toMillis() + " milliseconds");
            statement.setString(2, instanceId);
            statement.setArray(3, ints(connection, held.keySet()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int bucket = rows.getInt(1);
                    long epoch = rows.getLong(2);
                    Held before = held.get(bucket);
                    if (before != null && before.epoch() == epoch) {
                        held.put(bucket, new Held(bucket, epoch, started + validityNanos));
                        renewed.add(bucket);
                    }
                }
            }
        }
        return renewed;
    }

    private List<int[]> acquire(Connection connection, Set<Integer> wanted, long started) throws SQLException {
        List<int[]> gained = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE baton_bucket SET holder = ?, epoch = epoch + 1, expires_at = now() + ?::interval"
                        + " WHERE bucket IN (SELECT bucket FROM baton_bucket WHERE bucket = ANY(?)"
                        + " AND (holder IS NULL OR expires_at <= now())" + ORDERED + ")"
                        + " RETURNING bucket, epoch")) {
            statement.setString(1, instanceId);
            statement.setString(2, ttl.toMillis() + " milliseconds");
            statement.setArray(3, ints(connection, wanted));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int bucket = rows.getInt(1);
                    long epoch = rows.getLong(2);
                    held.put(bucket, new Held(bucket, epoch, started + validityNanos));
                    gained.add(new int[] {bucket});
                }
            }
        }
        gained.sort((a, b) -> Integer.compare(a[0], b[0]));
        return gained;
    }

    static Array ints(Connection connection, Set<Integer> values) throws SQLException {
        return connection.createArrayOf("integer", values.toArray(new Integer[0]));
    }

    /** Tests: behaves like a killed process (no renewal, nothing handed back; local leases lapse on their own). */
    synchronized void stopRenewingForTest() {
        closed = true;
        keeper.shutdownNow();
    }

    /** Stops renewing and hands every held bucket back at once, so the others take them without waiting. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        keeper.shutdownNow();
        Set<Integer> mine = Set.copyOf(held.keySet());
        for (int bucket : mine) {
            held.remove(bucket);
            fireLost(bucket);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!mine.isEmpty()) {
                release(connection, mine);
            }
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM baton_instance WHERE id = ?")) {
                statement.setString(1, instanceId);
                statement.executeUpdate();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("could not hand back buckets on close ({}); they move when the leases expire", e.getMessage());
        }
    }
}
