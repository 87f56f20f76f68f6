package dev.baton.store.postgres;

import static java.util.Objects.requireNonNull;

import dev.baton.event.WebhookEvent;
import dev.baton.spi.EventJournal;
import dev.baton.spi.JournalUnavailableException;
import dev.baton.spi.JournaledBatch;
import dev.baton.spi.WorkSource;
import dev.baton.event.ConversationKey;
import dev.baton.spi.ConversationStore.StoredTimer;
import dev.baton.webhook.WebhookParseException;
import dev.baton.webhook.WebhookParser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventJournal} on PostgreSQL. {@link #append} completes once the batch and one row per event are
 * committed with synchronous commit ({@link AppendCommitter}: concurrent appends share a commit). Each event
 * row carries its conversation's bucket and the bucket's sequence number.
 *
 * <p>{@link #markDone} is fenced: it counts only while this instance holds the event's bucket with the epoch
 * it had, and it is batched and committed without waiting for the disk (a lost one only replays an event,
 * which the store's dedupe claim recognises). {@link #pending()} is "pending in the buckets I hold": events in
 * other instances' buckets are reported as done, so the start-up replay leaves them to their holders.
 *
 * <p>It is also the store's {@link WorkSource} ({@link WorkFeed}): a dispatcher given this journal runs the
 * events of the buckets this instance holds, from whichever instance took the POST.
 */
public final class PostgresEventJournal implements EventJournal, WorkSource {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventJournal.class);

    private final DataSource dataSource;
    private final BucketLeases leases;
    private final AppendCommitter committer;
    private final MarkDoneWriter marks;
    private final WebhookParser parser = new WebhookParser();
    private volatile WorkFeed feed;
    private final Counter appended;
    private final Counter refused;
    private final AtomicBoolean closed = new AtomicBoolean();

    PostgresEventJournal(DataSource dataSource, BucketLeases leases, AppendCommitter committer, MarkDoneWriter marks,
            MeterRegistry registry) {
        this.dataSource = dataSource;
        this.leases = leases;
        this.committer = committer;
        this.marks = marks;
        this.appended = Counter.builder("baton.journal.appends").tag("result", "stored").register(registry);
        this.refused = Counter.builder("baton.journal.appends").tag("result", "refused").register(registry);
        Gauge.builder("baton.store.append.queue", committer, AppendCommitter::queued).register(registry);
    }

    @Override
    public CompletableFuture<Long> append(String appName, byte[] body, Instant receivedAt) {
        return append(appName, body, receivedAt, -1);
    }

    /**
     * The body is parsed here for its events' conversations (to bucket them); {@code eventCount} is checked
     * against it when known (a mismatch is refused: it throws {@link IllegalArgumentException}).
     */
    @Override
    public CompletableFuture<Long> append(String appName, byte[] body, Instant receivedAt, int eventCount) {
        requireNonNull(appName, "appName is null");
        requireNonNull(body, "body is null");
        requireNonNull(receivedAt, "receivedAt is null");
        if (closed.get()) {
            refused.increment();
            return CompletableFuture.failedFuture(new JournalUnavailableException("the journal is closed", null));
        }
        int[] eventBuckets = buckets(appName, body, eventCount);
        CompletableFuture<Long> done = new CompletableFuture<>();
        if (!committer.offer(new AppendCommitter.Append(appName, body, Micros.of(receivedAt), eventBuckets, done))) {
            refused.increment();
            return CompletableFuture.failedFuture(new JournalUnavailableException(
                    closed.get() ? "the journal is closed" : "too many appends waiting for the database", null));
        }
        return done.whenComplete((id, failure) -> (failure == null ? appended : refused).increment());
    }

    /**
     * The bucket of each event. A body that does not parse (the ingest parses before it appends, so only a
     * caller other than the ingest can hand one over) is still kept, all its events in bucket 0, where the
     * holder's dispatcher reports it and leaves it in the journal, as the SQLite journal would.
     */
    private int[] buckets(String appName, byte[] body, int eventCount) {
        try {
            List<WebhookEvent> events = parser.read(body).events();
            if (eventCount >= 0 && eventCount != events.size()) {
                throw new IllegalArgumentException("eventCount " + eventCount + " but the body holds "
                        + events.size() + " events");
            }
            int[] eventBuckets = new int[events.size()];
            for (int i = 0; i < eventBuckets.length; i++) {
                eventBuckets[i] = leases.buckets().of(events.get(i).conversation());
            }
            return eventBuckets;
        } catch (WebhookParseException e) {
            LOG.warn("a batch for app {} does not parse ({}); kept with its events in bucket 0", appName, e.reason());
            return new int[Math.max(eventCount, 1)];
        }
    }

    @Override
    public void markDone(long batchId, int eventIndex) {
        if (eventIndex < 0) {
            throw new IllegalArgumentException("eventIndex is negative: " + eventIndex);
        }
        if (closed.get()) {
            LOG.debug("markDone after close ignored; the event will be replayed, flagged redelivered");
            return;
        }
        marks.offer(batchId, eventIndex);
    }

    /** Batches with an event not done in a bucket this instance holds, oldest first. */
    @Override
    public List<JournaledBatch> pending() {
        return pending(leases.heldBuckets());
    }

    /**
     * Batches with an event not done in one of {@code buckets}, oldest first (by id, which within a bucket
     * is its sequence order); events outside {@code buckets} are reported done.
     */
    public List<JournaledBatch> pending(Set<Integer> buckets) {
        if (buckets.isEmpty()) {
            return List.of();
        }
        Map<Long, Set<Integer>> open = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT batch_id, idx FROM journal_event WHERE NOT done AND bucket = ANY(?)"
                            + " ORDER BY batch_id, idx")) {
                statement.setArray(1, BucketLeases.ints(connection, buckets));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        open.computeIfAbsent(rows.getLong(1), id -> new HashSet<>()).add(rows.getInt(2));
                    }
                }
            }
            return batchesWithUndone(connection, open);
        } catch (SQLException e) {
            throw new PostgresStoreException("reading pending batches failed: " + e.getMessage(), e);
        }
    }

    /** Deletes batches received before {@code cutoff} whose every event is done (any instance may). */
    @Override
    public int prune(Instant cutoff) {
        requireNonNull(cutoff, "cutoff is null");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM journal_batch b WHERE b.received_at < ? AND NOT EXISTS"
                            + " (SELECT 1 FROM journal_event e WHERE e.batch_id = b.id AND NOT e.done)")) {
                statement.setLong(1, Micros.of(cutoff));
                return statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new PostgresStoreException("pruning the journal failed: " + e.getMessage(), e);
        }
    }

    void feed(WorkFeed workFeed) {
        this.feed = workFeed;
    }

    private WorkFeed feed() {
        WorkFeed current = feed;
        if (current == null) {
            throw new IllegalStateException("the journal has no work feed");
        }
        return current;
    }

    /** {@link WorkSource}: true while this instance holds the conversation's bucket (lease not lapsed). */
    @Override
    public boolean runsHere(ConversationKey conversation) {
        return feed().runsHere(conversation);
    }

    /** {@link WorkSource}: feeds the dispatcher the held buckets' events, takeovers' backlogs first. */
    @Override
    public void start(WorkSource.Sink sink) {
        feed().start(sink);
    }

    @Override
    public void schedule(StoredTimer timer) {
        feed().schedule(timer);
    }

    @Override
    public void stop() {
        feed().stop();
    }

    /** {@link WorkSource}: the fraction of the buckets this instance holds now ({@link BucketLeases#sendShare()}). */
    @Override
    public double sendShare() {
        return leases.sendShare();
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Stops taking appends; those queued are still committed. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            committer.close();
            marks.close();
        }
    }

    /**
     * Loads the batches named in {@code undone} (batch id to the indexes still to run), in id order, each
     * with every other index marked done. Shared by {@link #pending()} and the work feed's takeover read.
     */
    static List<JournaledBatch> batchesWithUndone(Connection connection, Map<Long, Set<Integer>> undone)
            throws SQLException {
        List<JournaledBatch> out = new ArrayList<>(undone.size());
        if (undone.isEmpty()) {
            return out;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, app, body, received_at, event_count FROM journal_batch WHERE id = ANY(?) ORDER BY id")) {
            statement.setArray(1, connection.createArrayOf("bigint", undone.keySet().toArray(new Long[0])));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong(1);
                    Set<Integer> open = undone.get(id);
                    Set<Integer> done = new HashSet<>();
                    for (int index = 0; index < rows.getInt(5); index++) {
                        if (!open.contains(index)) {
                            done.add(index);
                        }
                    }
                    out.add(new JournaledBatch(id, rows.getString(2), rows.getBytes(3),
                            Micros.toInstant(rows.getLong(4)), done));
                }
            }
        }
        return out;
    }
}
