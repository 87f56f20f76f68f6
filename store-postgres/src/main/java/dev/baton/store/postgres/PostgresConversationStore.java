package dev.baton.store.postgres;

import static java.util.Objects.requireNonNull;

import dev.baton.event.ConversationKey;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.ThreadOwnership;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The {@link ConversationStore} on PostgreSQL, shared by every instance of a Page. Every write that depends
 * on holding a conversation's bucket (ownership, last-message time, app state, timers, and the dedupe claim
 * of a journal entry or timer firing) runs in a transaction that first locks the bucket's lease row FOR SHARE
 * and checks that it still names this instance with the epoch this instance holds; otherwise it throws
 * {@link FencedWriteException} and writes nothing. A takeover's epoch increment waits for such a transaction
 * and every later one sees the new epoch, so an instance that lost a bucket cannot write after its successor.
 *
 * <p>Reads are cached per bucket while the bucket is held ({@link BucketCache}); {@link #timers()} lists the
 * timers of held buckets only. Writes commit synchronously: durable when they return.
 */
public final class PostgresConversationStore implements ConversationStore {

    private static final Pattern ENTRY = Pattern.compile("(\\d+):(\\d+)");
    private static final Pattern TIMER = Pattern.compile("timer:([^:]+):([^:]+):.*");

    private final DataSource dataSource;
    private final BucketLeases leases;
    private final Buckets buckets;
    private final BucketCache cache;
    private final int dedupeCapacity;
    private final MeterRegistry registry;
    private final EventBuckets eventBuckets;
    private final ClaimWriter claims;

    PostgresConversationStore(DataSource dataSource, BucketLeases leases, int cacheCapacity, int dedupeCapacity,
            MeterRegistry registry, EventBuckets eventBuckets) {
        this.dataSource = dataSource;
        this.eventBuckets = eventBuckets;
        this.claims = new ClaimWriter(dataSource, leases.instanceId(), this::refused);
        this.leases = leases;
        this.buckets = leases.buckets();
        this.cache = new BucketCache(cacheCapacity, buckets.count());
        this.dedupeCapacity = dedupeCapacity;
        this.registry = registry;
        leases.addListener(new BucketLeases.Listener() {
            @Override
            public void acquired(int bucket, long epoch) {
                cache.drop(bucket);
            }

            @Override
            public void lost(int bucket) {
                cache.drop(bucket);
            }
        });
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T read(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw new PostgresStoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in a transaction that holds bucket's lease row FOR SHARE with this instance's epoch. */
    private <T> T fenced(int bucket, String what, Work<T> work) {
        BucketLeases.Held lease = leases.fence(bucket, what);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement fence = connection.prepareStatement(BucketLeases.FENCE)) {
                    leases.bindFence(fence, 1, lease);
                    try (ResultSet row = fence.executeQuery()) {
                        if (!row.next()) {
                            connection.rollback();
                            refused(what);
                            throw new FencedWriteException(bucket, what);
                        }
                    }
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new PostgresStoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    private void refused(String what) {
        Counter.builder("baton.store.fenced.writes").tag("write", what).register(registry).increment();
    }

    private boolean held(int bucket) {
        return leases.holds(bucket);
    }

    @Override
    public Optional<ThreadOwnership> ownership(ConversationKey key) {
        requireNonNull(key, "key is null");
        int bucket = buckets.of(key);
        return cache.get(bucket, new CacheKey("ownership", null, key, null), () -> read("reading ownership",
                connection -> {
                    try (PreparedStatement statement = connection.prepareStatement(
                            "SELECT owner_app_id, since, expires_at, source FROM ownership"
                                    + " WHERE page_id = ? AND user_id = ?")) {
                        statement.setString(1, key.pageId());
                        statement.setString(2, key.userId());
                        try (ResultSet row = statement.executeQuery()) {
                            if (!row.next()) {
                                return Optional.<ThreadOwnership>empty();
                            }
                            return Optional.of(new ThreadOwnership(row.getString(1), instant(row, 2),
                                    instant(row, 3), ThreadOwnership.Source.valueOf(row.getString(4))));
                        }
                    }
                }), held(bucket));
    }

    @Override
    public void putOwnership(ConversationKey key, ThreadOwnership ownership) {
        requireNonNull(key, "key is null");
        requireNonNull(ownership, "ownership is null");
        int bucket = buckets.of(key);
        fenced(bucket, "putOwnership", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO ownership (page_id, user_id, owner_app_id, since, expires_at, source)"
                            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (page_id, user_id) DO UPDATE SET"
                            + " owner_app_id = excluded.owner_app_id, since = excluded.since,"
                            + " expires_at = excluded.expires_at, source = excluded.source")) {
                statement.setString(1, key.pageId());
                statement.setString(2, key.userId());
                statement.setString(3, ownership.ownerAppId());
                setInstant(statement, 4, ownership.since());
                setInstant(statement, 5, ownership.expiresAt());
                statement.setString(6, ownership.source().name());
                return statement.executeUpdate();
            }
        });
        cache.put(bucket, new CacheKey("ownership", null, key, null), Optional.of(ownership));
    }

    @Override
    public Optional<Instant> lastUserMessage(ConversationKey key) {
        requireNonNull(key, "key is null");
        int bucket = buckets.of(key);
        return cache.get(bucket, new CacheKey("last", null, key, null), () -> read("reading last user message",
                connection -> {
                    try (PreparedStatement statement = connection.prepareStatement(
                            "SELECT at FROM last_user_message WHERE page_id = ? AND user_id = ?")) {
                        statement.setString(1, key.pageId());
                        statement.setString(2, key.userId());
                        try (ResultSet row = statement.executeQuery()) {
                            return row.next() ? Optional.of(Micros.toInstant(row.getLong(1)))
                                    : Optional.<Instant>empty();
                        }
                    }
                }), held(bucket));
    }

    @Override
    public void putLastUserMessage(ConversationKey key, Instant at) {
        requireNonNull(key, "key is null");
        requireNonNull(at, "at is null");
        int bucket = buckets.of(key);
        fenced(bucket, "putLastUserMessage", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO last_user_message (page_id, user_id, at) VALUES (?, ?, ?)"
                            + " ON CONFLICT (page_id, user_id) DO UPDATE SET at = excluded.at")) {
                statement.setString(1, key.pageId());
                statement.setString(2, key.userId());
                statement.setLong(3, Micros.of(at));
                return statement.executeUpdate();
            }
        });
        cache.put(bucket, new CacheKey("last", null, key, null), Optional.of(Micros.toInstant(Micros.of(at))));
    }

    /** Not fenced: a key recorded without a claimant names no journal entry, hence no bucket. */
    @Override
    public boolean firstSighting(String appName, String eventKey) {
        requireNonNull(appName, "appName is null");
        requireNonNull(eventKey, "eventKey is null");
        return read("recording a dedupe key", connection -> insertKey(connection, appName, eventKey, null));
    }

    /**
     * Fenced by the claimant's bucket: a journal entry ({@code batchId:index}) is in its event's bucket, a
     * timer firing ({@code timer:page:user:...}) in its conversation's. A claimant of another shape is not
     * fenced. Durable when it returns; concurrent claims share one statement and one sync ({@link ClaimWriter}).
     */
    @Override
    public Claim claim(String appName, String eventKey, String claimant) {
        try {
            return claimAsync(appName, eventKey, claimant).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * {@link #claim} without blocking: the future completes (on the claim writer's thread) once the claim is
     * committed, or exceptionally with {@link FencedWriteException} or {@link PostgresStoreException}.
     */
    @Override
    public java.util.concurrent.CompletableFuture<Claim> claimAsync(String appName, String eventKey,
            String claimant) {
        requireNonNull(appName, "appName is null");
        requireNonNull(eventKey, "eventKey is null");
        requireNonNull(claimant, "claimant is null");
        try {
            Integer bucket = claimantBucket(claimant);
            BucketLeases.Held lease = bucket == null ? null : leases.fence(bucket, "claim");
            return claims.claim(appName, eventKey, claimant, lease);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    private Integer claimantBucket(String claimant) {
        Matcher timer = TIMER.matcher(claimant);
        if (timer.matches()) {
            return buckets.of(timer.group(1), timer.group(2));
        }
        Matcher entry = ENTRY.matcher(claimant);
        if (!entry.matches()) {
            return null;
        }
        long batchId = Long.parseLong(entry.group(1));
        int index = Integer.parseInt(entry.group(2));
        int known = eventBuckets.of(batchId, index);
        if (known >= 0) {
            return known;
        }
        return read("finding an event's bucket", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT bucket FROM journal_event WHERE batch_id = ? AND idx = ?")) {
                statement.setLong(1, batchId);
                statement.setInt(2, index);
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    eventBuckets.remember(batchId, index, row.getInt(1));
                    return row.getInt(1);
                }
            }
        });
    }

    private static boolean insertKey(Connection connection, String app, String key, String claimant)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO dedupe_key (app, event_key, claimant) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            statement.setString(1, app);
            statement.setString(2, key);
            statement.setString(3, claimant);
            return statement.executeUpdate() == 1;
        }
    }

    /** Keeps the newest {@code dedupeCapacity} keys and send-record rows; the maintenance task calls this. */
    int trimDedupeKeys() {
        return read("trimming dedupe keys", connection -> {
            int trimmed;
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM dedupe_key WHERE seq <= (SELECT max(seq) FROM dedupe_key) - ?")) {
                statement.setLong(1, dedupeCapacity);
                trimmed = statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM call_record WHERE row_seq <= (SELECT max(row_seq) FROM call_record) - ?")) {
                statement.setLong(1, dedupeCapacity);
                statement.executeUpdate();
            }
            return trimmed;
        });
    }

    /**
     * The send record, fenced like {@link #claim} by the claimant's bucket: an instance that lost the bucket
     * cannot record a call after its successor took over. Synchronous commit: durable when it returns.
     */
    @Override
    public void recordCall(String appName, String claimant, RecordedCall call) {
        requireNonNull(appName, "appName is null");
        requireNonNull(claimant, "claimant is null");
        requireNonNull(call, "call is null");
        Integer bucket = claimantBucket(claimant);
        Work<Integer> work = connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO call_record (app, claimant, seq, fingerprint, outcome) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT (app, claimant, seq) DO UPDATE SET fingerprint = excluded.fingerprint,"
                            + " outcome = excluded.outcome, row_seq = nextval(pg_get_serial_sequence('call_record', 'row_seq'))")) {
                statement.setString(1, appName);
                statement.setString(2, claimant);
                statement.setInt(3, call.seq());
                statement.setString(4, call.fingerprint());
                statement.setString(5, call.outcome());
                return statement.executeUpdate();
            }
        };
        if (bucket == null) {
            read("recording a call", work);
        } else {
            fenced(bucket, "recordCall", work);
        }
    }

    @Override
    public List<RecordedCall> recordedCalls(String appName, String claimant) {
        requireNonNull(appName, "appName is null");
        requireNonNull(claimant, "claimant is null");
        return read("reading the send record", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT seq, fingerprint, outcome FROM call_record WHERE app = ? AND claimant = ? ORDER BY seq")) {
                statement.setString(1, appName);
                statement.setString(2, claimant);
                List<RecordedCall> calls = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        calls.add(new RecordedCall(rows.getInt(1), rows.getString(2), rows.getString(3)));
                    }
                }
                return List.copyOf(calls);
            }
        });
    }

    @Override
    public Optional<String> state(String appName, ConversationKey key, String name) {
        requireNonNull(appName, "appName is null");
        requireNonNull(key, "key is null");
        requireNonNull(name, "name is null");
        int bucket = buckets.of(key);
        return cache.get(bucket, new CacheKey("state", appName, key, name), () -> read("reading app state",
                connection -> {
                    try (PreparedStatement statement = connection.prepareStatement(
                            "SELECT value FROM app_state WHERE app = ? AND page_id = ? AND user_id = ? AND name = ?")) {
                        statement.setString(1, appName);
                        statement.setString(2, key.pageId());
                        statement.setString(3, key.userId());
                        statement.setString(4, name);
                        try (ResultSet row = statement.executeQuery()) {
                            return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
                        }
                    }
                }), held(bucket));
    }

    @Override
    public void putState(String appName, ConversationKey key, String name, String value) {
        requireNonNull(appName, "appName is null");
        requireNonNull(key, "key is null");
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        int bucket = buckets.of(key);
        fenced(bucket, "putState", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO app_state (app, page_id, user_id, name, value) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT (app, page_id, user_id, name) DO UPDATE SET value = excluded.value")) {
                statement.setString(1, appName);
                statement.setString(2, key.pageId());
                statement.setString(3, key.userId());
                statement.setString(4, name);
                statement.setString(5, value);
                return statement.executeUpdate();
            }
        });
        cache.put(bucket, new CacheKey("state", appName, key, name), Optional.of(value));
    }

    @Override
    public void removeState(String appName, ConversationKey key, String name) {
        requireNonNull(appName, "appName is null");
        requireNonNull(key, "key is null");
        requireNonNull(name, "name is null");
        int bucket = buckets.of(key);
        fenced(bucket, "removeState", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM app_state WHERE app = ? AND page_id = ? AND user_id = ? AND name = ?")) {
                statement.setString(1, appName);
                statement.setString(2, key.pageId());
                statement.setString(3, key.userId());
                statement.setString(4, name);
                return statement.executeUpdate();
            }
        });
        cache.put(bucket, new CacheKey("state", appName, key, name), Optional.empty());
    }

    @Override
    public void putTimer(StoredTimer timer) {
        requireNonNull(timer, "timer is null");
        int bucket = buckets.of(timer.key());
        fenced(bucket, "putTimer", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO timer (app, page_id, user_id, name, bucket, due_at, due_at_nanos) VALUES (?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (app, page_id, user_id, name) DO UPDATE SET due_at = excluded.due_at,"
                            + " due_at_nanos = excluded.due_at_nanos")) {
                statement.setString(1, timer.appName());
                statement.setString(2, timer.key().pageId());
                statement.setString(3, timer.key().userId());
                statement.setString(4, timer.timerName());
                statement.setInt(5, bucket);
                statement.setLong(6, Micros.of(timer.dueAt()));
                statement.setLong(7, Micros.nanos(timer.dueAt()));
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public void removeTimer(String appName, ConversationKey key, String timerName) {
        requireNonNull(appName, "appName is null");
        requireNonNull(key, "key is null");
        requireNonNull(timerName, "timerName is null");
        fenced(buckets.of(key), "removeTimer", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM timer WHERE app = ? AND page_id = ? AND user_id = ? AND name = ?")) {
                statement.setString(1, appName);
                statement.setString(2, key.pageId());
                statement.setString(3, key.userId());
                statement.setString(4, timerName);
                return statement.executeUpdate();
            }
        });
    }

    /** The timers of the buckets this instance holds, earliest first. */
    @Override
    public List<StoredTimer> timers() {
        return timers(leases.heldBuckets());
    }

    /** The timers of {@code bucketSet}, earliest first. */
    public List<StoredTimer> timers(Set<Integer> bucketSet) {
        if (bucketSet.isEmpty()) {
            return List.of();
        }
        return read("reading timers", connection -> {
            List<StoredTimer> out = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT app, page_id, user_id, name, due_at, due_at_nanos FROM timer WHERE bucket = ANY(?)"
                            + " ORDER BY coalesce(due_at_nanos, due_at * 1000), app, page_id, user_id, name")) {
                statement.setArray(1, BucketLeases.ints(connection, bucketSet));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(new StoredTimer(rows.getString(1), new ConversationKey(rows.getString(2),
                                rows.getString(3)), rows.getString(4), dueAt(rows)));
                    }
                }
            }
            return out;
        });
    }

    /** Closed with {@link PostgresStores}; nothing of its own to release. */
    @Override
    public void close() {
        claims.close();
    }

    /** A timer row's due time: to the nanosecond (V5), or the microseconds of a row an older version wrote. */
    private static Instant dueAt(ResultSet rows) throws SQLException {
        long nanos = rows.getLong(6);
        return rows.wasNull() ? Micros.toInstant(rows.getLong(5)) : Micros.fromNanos(nanos);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : Micros.toInstant(value);
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, Micros.of(value));
        }
    }

    private record CacheKey(String kind, String app, ConversationKey key, String name) {}
}
