package dev.baton.store.sqlite;

import static java.util.Objects.requireNonNull;

import dev.baton.event.ConversationKey;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.ThreadOwnership;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable {@link ConversationStore} on SQLite, sharing the journal's database and its ordered writer.
 *
 * <p>Every change but {@link #putLastUserMessage} returns only once it is committed and synced (changes made
 * together from several threads share one commit). That makes {@link #claim} safe to call right before a
 * handler: a key it accepted, with its claimant, is on disk before the handler can act, so an event replayed
 * after a crash is recognised (as the interrupted hand-over of the same journal entry, or as Meta's repeat),
 * and a state change an app made is never lost behind a dedupe key that survived. Reads come from bounded
 * in-memory caches backed by the database. Dedupe keys live only in the database ({@link DedupeRows}): the
 * newest {@code dedupeCapacity} keys are kept, older ones are trimmed as new ones arrive. The send record
 * ({@link #recordCall}, {@link CallRows}) likewise keeps the newest {@code dedupeCapacity} calls.
 *
 * <p>Thread-safe. Methods throw {@link SqliteStoreException} when the database cannot keep a change; the
 * cache is then left as it was.
 */
public final class SqliteConversationStore implements ConversationStore {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteConversationStore.class);

    private final SqliteDatabase database;
    private final int dedupeCapacity;
    private final BoundedCache<ConversationKey, Optional<ThreadOwnership>> ownerships;
    private final BoundedCache<ConversationKey, Optional<Instant>> lastUserMessages;
    private final BoundedCache<StateKey, Optional<String>> states;
    /** Values written but not yet committed, so reads see them even when the cache has let them go. */
    private final Map<ConversationKey, Instant> unsyncedLastUserMessages = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    SqliteConversationStore(SqliteDatabase database, SqliteStores.Settings settings) {
        this.database = database;
        this.dedupeCapacity = settings.dedupeCapacity();
        this.ownerships = new BoundedCache<>(settings.cacheCapacity());
        this.lastUserMessages = new BoundedCache<>(settings.cacheCapacity());
        this.states = new BoundedCache<>(settings.cacheCapacity());
        database.hold();
    }

    @Override
    public Optional<ThreadOwnership> ownership(ConversationKey key) {
        requireNonNull(key, "key is null");
        return ownerships.get(key, k -> database.read(connection -> OwnershipRows.find(connection, k)));
    }

    @Override
    public void putOwnership(ConversationKey key, ThreadOwnership ownership) {
        requireNonNull(key, "key is null");
        requireNonNull(ownership, "ownership is null");
        database.writeAndWait(connection -> {
            OwnershipRows.put(database.writeStatement(connection, OwnershipRows.UPSERT), key, ownership);
            return null;
        });
        ownerships.put(key, Optional.of(ownership));
    }

    @Override
    public Optional<Instant> lastUserMessage(ConversationKey key) {
        requireNonNull(key, "key is null");
        Instant unsynced = unsyncedLastUserMessages.get(key);
        if (unsynced != null) {
            return Optional.of(unsynced);
        }
        return lastUserMessages.get(key, k -> database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT at FROM last_user_message WHERE page_id = ? AND user_id = ?")) {
                query.setString(1, k.pageId());
                query.setString(2, k.userId());
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(Instants.fromNanos(row.getLong(1))) : Optional.empty();
                }
            }
        }));
    }

    /**
     * Queued behind every earlier write without waiting for the sync: this runs on every person's message,
     * and losing the newest value in a crash only makes the messaging window look older than it is (the safe
     * side: an app may decline a send it could have made, never make one it may not).
     */
    @Override
    public void putLastUserMessage(ConversationKey key, Instant at) {
        requireNonNull(key, "key is null");
        requireNonNull(at, "at is null");
        lastUserMessages.put(key, Optional.of(at));
        unsyncedLastUserMessages.put(key, at);
        database.writer().submit(connection -> {
            PreparedStatement upsert = database.writeStatement(connection,
                    "INSERT OR REPLACE INTO last_user_message (page_id, user_id, at) VALUES (?, ?, ?)");
            upsert.setString(1, key.pageId());
            upsert.setString(2, key.userId());
            upsert.setLong(3, Instants.toNanos(at));
            return upsert.executeUpdate();
        }).whenComplete((ignored, failure) -> {
            unsyncedLastUserMessages.remove(key, at);
            if (failure != null) {
                LOG.warn("Could not store a last-message time ({})", failure.getClass().getName());
            }
        });
    }

    @Override
    public boolean firstSighting(String appName, String eventKey) {
        requireNonNull(appName, "appName is null");
        requireNonNull(eventKey, "eventKey is null");
        // The database decides, inside the single ordered writer: of two concurrent calls with one key,
        // exactly one inserts the row.
        return database.writeAndWait(connection ->
                DedupeRows.insert(database, connection, appName, eventKey, null, dedupeCapacity));
    }

    /**
     * Committed and synced before it returns, like {@link #firstSighting}; a claim that finds its key
     * (either answer but {@code NEW}) writes nothing but still waits behind the writes queued before it.
     */
    @Override
    public Claim claim(String appName, String eventKey, String claimant) {
        requireNonNull(appName, "appName is null");
        requireNonNull(eventKey, "eventKey is null");
        requireNonNull(claimant, "claimant is null");
        return database.writeAndWait(connection ->
                DedupeRows.claim(database, connection, appName, eventKey, claimant, dedupeCapacity));
    }

    /**
     * The claim through the same ordered writer, without waiting: the future completes on the writer's
     * syncing thread once the claim is committed and synced (chained work must be handed elsewhere).
     */
    @Override
    public CompletableFuture<Claim> claimAsync(String appName, String eventKey, String claimant) {
        requireNonNull(appName, "appName is null");
        requireNonNull(eventKey, "eventKey is null");
        requireNonNull(claimant, "claimant is null");
        return database.writer().submit(connection ->
                DedupeRows.claim(database, connection, appName, eventKey, claimant, dedupeCapacity));
    }

    /** The claim only joins the writer's queue (waiting only when 65,536 writes are queued). */
    @Override
    public boolean claimsWithoutBlocking() {
        return true;
    }

    /** The send record: committed and synced before it returns, like {@link #claim}. */
    @Override
    public void recordCall(String appName, String claimant, RecordedCall call) {
        requireNonNull(appName, "appName is null");
        requireNonNull(claimant, "claimant is null");
        requireNonNull(call, "call is null");
        database.writeAndWait(connection -> CallRows.put(database, connection, appName, claimant, call, dedupeCapacity));
    }

    @Override
    public List<RecordedCall> recordedCalls(String appName, String claimant) {
        requireNonNull(appName, "appName is null");
        requireNonNull(claimant, "claimant is null");
        return database.read(connection -> CallRows.find(connection, appName, claimant));
    }

    @Override
    public Optional<String> state(String appName, ConversationKey key, String name) {
        StateKey stateKey = new StateKey(appName, key, name);
        return states.get(stateKey, k -> database.read(connection -> StateRows.find(connection, k)));
    }

    @Override
    public void putState(String appName, ConversationKey key, String name, String value) {
        StateKey stateKey = new StateKey(appName, key, name);
        requireNonNull(value, "value is null");
        database.writeAndWait(connection -> StateRows.put(database, connection, stateKey, value));
        states.put(stateKey, Optional.of(value));
    }

    @Override
    public void removeState(String appName, ConversationKey key, String name) {
        StateKey stateKey = new StateKey(appName, key, name);
        database.writeAndWait(connection -> StateRows.remove(database, connection, stateKey));
        states.put(stateKey, Optional.empty());
    }

    @Override
    public void putTimer(StoredTimer timer) {
        requireNonNull(timer, "timer is null");
        TimerRows.check(timer);
        database.writeAndWait(connection -> TimerRows.put(database, connection, timer));
    }

    @Override
    public void removeTimer(String appName, ConversationKey key, String timerName) {
        requireNonNull(appName, "appName is null");
        requireNonNull(key, "key is null");
        requireNonNull(timerName, "timerName is null");
        database.writeAndWait(connection -> TimerRows.remove(database, connection, appName, key, timerName));
    }

    @Override
    public List<StoredTimer> timers() {
        return database.read(connection -> new ArrayList<>(TimerRows.all(connection)));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            database.release();
        }
    }

    /** An app's named value on one conversation. */
    record StateKey(String appName, ConversationKey key, String name) {
        StateKey {
            requireNonNull(appName, "appName is null");
            requireNonNull(key, "key is null");
            requireNonNull(name, "name is null");
        }
    }
}
