package dev.baton.store.postgres;

import dev.baton.spi.ConversationStore.Claim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Group commit of dedupe claims: the conversations' lanes claim concurrently, and one thread stores every
 * claim waiting in ONE statement (its own transaction, committed synchronously), so the claims of many
 * conversations share one round trip and one sync instead of four round trips and a sync each. Fencing is
 * the same as a single fenced write's: the statement locks the lease rows of the claims' buckets FOR SHARE
 * (in bucket order), and only the claims whose bucket row still names this instance with the claim's epoch
 * are inserted; the others fail with {@link FencedWriteException} and write nothing. A takeover's epoch
 * increment waits for the statement, and every later claim sees the new epoch.
 *
 * <p>A group never holds the same key twice (a second claim of a key waits for the next group), so each
 * claim's answer is read from the one statement: inserted (NEW), or the claimant already there
 * (SAME_CLAIMANT when it is this claimant, DUPLICATE otherwise).
 */
final class ClaimWriter implements AutoCloseable {

    private static final int MAX_GROUP = 256;
    private static final String CLAIM = "WITH req AS ("
            + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::integer[], ?::bigint[])"
            + " WITH ORDINALITY AS r(app, event_key, claimant, bucket, epoch, ord)),"
            + " lease AS (SELECT l.bucket, l.epoch FROM baton_bucket l"
            + " WHERE (l.bucket, l.epoch) IN (SELECT r.bucket, r.epoch FROM req r WHERE r.bucket IS NOT NULL)"
            + " AND l.holder = ? AND l.expires_at > now() ORDER BY l.bucket FOR SHARE OF l),"
            + " allowed AS (SELECT r.* FROM req r WHERE r.bucket IS NULL"
            + " OR EXISTS (SELECT 1 FROM lease WHERE lease.bucket = r.bucket AND lease.epoch = r.epoch)),"
            + " inserted AS (INSERT INTO dedupe_key (app, event_key, claimant)"
            + " SELECT app, event_key, claimant FROM allowed ORDER BY ord ON CONFLICT DO NOTHING"
            + " RETURNING app, event_key)"
            + " SELECT r.ord, a.ord IS NOT NULL, i.event_key IS NOT NULL, d.claimant FROM req r"
            + " LEFT JOIN allowed a ON a.ord = r.ord"
            + " LEFT JOIN inserted i ON i.app = r.app AND i.event_key = r.event_key"
            + " LEFT JOIN dedupe_key d ON d.app = r.app AND d.event_key = r.event_key";

    /** One claim waiting; {@code lease} null for a claimant that names no bucket (not fenced). */
    record Request(String app, String key, String claimant, BucketLeases.Held lease, CompletableFuture<Claim> done) {}

    private final DataSource dataSource;
    private final String instanceId;
    private final Consumer<String> refused;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    ClaimWriter(DataSource dataSource, String instanceId, Consumer<String> refused) {
        this.dataSource = dataSource;
        this.instanceId = instanceId;
        this.refused = refused;
        this.thread = new Thread(this::run, "baton-postgres-claims");
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<Claim> claim(String app, String key, String claimant, BucketLeases.Held lease) {
        CompletableFuture<Claim> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new PostgresStoreException("claiming a dedupe key failed: the store is closed",
                    null));
            return done;
        }
        queue.add(new Request(app, key, claimant, lease, done));
        return done;
    }

    private void run() {
        ArrayDeque<Request> later = new ArrayDeque<>();
        List<Request> taken = new ArrayList<>(MAX_GROUP);
        while (!closed || !queue.isEmpty() || !later.isEmpty()) {
            try {
                if (later.isEmpty()) {
                    Request first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    taken.add(first);
                }
                queue.drainTo(taken, MAX_GROUP);
                List<Request> group = new ArrayList<>(Math.min(MAX_GROUP, later.size() + taken.size()));
                Set<List<String>> keys = new HashSet<>();
                ArrayDeque<Request> next = new ArrayDeque<>();
                for (Request request : later) {
                    choose(request, group, keys, next);
                }
                for (Request request : taken) {
                    choose(request, group, keys, next);
                }
                later = next;
                taken.clear();
                commit(group);
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            }
        }
        Request left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new PostgresStoreException(
                    "claiming a dedupe key failed: the store is closed", null));
        }
    }

    /** Into this group unless the group holds the key already or is full; else into the next one. */
    private static void choose(Request request, List<Request> group, Set<List<String>> keys,
            ArrayDeque<Request> next) {
        if (group.size() < MAX_GROUP && keys.add(List.of(request.app(), request.key()))) {
            group.add(request);
        } else {
            next.add(request);
        }
    }

    private void commit(List<Request> group) {
        int size = group.size();
        String[] apps = new String[size];
        String[] keys = new String[size];
        String[] claimants = new String[size];
        Integer[] buckets = new Integer[size];
        Long[] epochs = new Long[size];
        for (int i = 0; i < size; i++) {
            Request request = group.get(i);
            apps[i] = request.app();
            keys[i] = request.key();
            claimants[i] = request.claimant();
            buckets[i] = request.lease() == null ? null : request.lease().bucket();
            epochs[i] = request.lease() == null ? null : request.lease().epoch();
        }
        Claim[] answers = new Claim[size];
        boolean[] allowed = new boolean[size];
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            connection.setAutoCommit(true);
            statement.setArray(1, connection.createArrayOf("text", apps));
            statement.setArray(2, connection.createArrayOf("text", keys));
            statement.setArray(3, connection.createArrayOf("text", claimants));
            statement.setArray(4, connection.createArrayOf("integer", buckets));
            statement.setArray(5, connection.createArrayOf("bigint", epochs));
            statement.setString(6, instanceId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int i = (int) rows.getLong(1) - 1;
                    allowed[i] = rows.getBoolean(2);
                    String existing = rows.getString(4);
                    answers[i] = rows.getBoolean(3) ? Claim.NEW
                            : claimants[i].equals(existing) ? Claim.SAME_CLAIMANT : Claim.DUPLICATE;
                }
            }
        } catch (SQLException | RuntimeException e) {
            PostgresStoreException failure = new PostgresStoreException("claiming a dedupe key failed: "
                    + e.getMessage(), e);
            for (Request request : group) {
                request.done().completeExceptionally(failure);
            }
            return;
        }
        for (int i = 0; i < size; i++) {
            Request request = group.get(i);
            if (answers[i] == null) {
                request.done().completeExceptionally(new PostgresStoreException(
                        "claiming a dedupe key failed: no answer for it", null));
            } else if (!allowed[i]) {
                refused.accept("claim");
                request.done().completeExceptionally(new FencedWriteException(request.lease().bucket(), "claim"));
            } else {
                request.done().complete(answers[i]);
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
