package dev.baton.store.sqlite;

import static java.util.Objects.requireNonNull;

import dev.baton.spi.EventJournal;
import dev.baton.spi.JournalUnavailableException;
import dev.baton.spi.JournaledBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable {@link EventJournal} on SQLite. {@link #append} completes once the batch is committed and
 * synced; appends arriving together share one commit and one sync. {@link #markDone} is queued behind every
 * write already submitted, does not wait and asks for no sync of its own (the next append's or store write's
 * sync covers it): losing one in a crash only replays an event, which the conversation store's dedupe keys
 * (written through the same ordered writer, before the handler runs) recognise.
 *
 * <p>Thread-safe. Append futures complete on the journal's acknowledging thread, never on the writer.
 */
public final class SqliteEventJournal implements EventJournal {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteEventJournal.class);

    private final SqliteDatabase database;
    private final Counter appended;
    private final Counter refused;
    private final Counter markDoneFailures;
    private final AtomicBoolean closed = new AtomicBoolean();

    SqliteEventJournal(SqliteDatabase database, MeterRegistry registry) {
        this.database = database;
        this.appended = Counter.builder("baton.journal.appends").tag("result", "stored").register(registry);
        this.refused = Counter.builder("baton.journal.appends").tag("result", "refused").register(registry);
        this.markDoneFailures = Counter.builder("baton.journal.markdone.failures").register(registry);
        database.hold();
    }

    /** Counts the batch's events itself (see {@link WebhookEventCounter}); the dispatcher uses the other form. */
    @Override
    public CompletableFuture<Long> append(String appName, byte[] body, Instant receivedAt) {
        requireNonNull(body, "body is null");
        int eventCount = WebhookEventCounter.count(body);
        if (eventCount == WebhookEventCounter.UNKNOWN) {
            LOG.warn("Could not count the events of a batch for app {}; it stays pending until replayed", appName);
        }
        return append(appName, body, receivedAt, eventCount);
    }

    /** {@code eventCount} is the parsed batch's number of events; a negative count means unknown. */
    @Override
    public CompletableFuture<Long> append(String appName, byte[] body, Instant receivedAt, int eventCount) {
        requireNonNull(appName, "appName is null");
        requireNonNull(body, "body is null");
        requireNonNull(receivedAt, "receivedAt is null");
        if (closed.get()) {
            refused.increment();
            return CompletableFuture.failedFuture(new JournalUnavailableException("the journal is closed", null));
        }
        int count = Math.max(eventCount, WebhookEventCounter.UNKNOWN);
        // The caller handed the array over (EventJournal#append): bound as it is, no copy.
        CompletableFuture<Long> stored = database.writer().trySubmit(
                connection -> JournalRows.insert(database, connection, appName, body, receivedAt, count));
        return stored.handle((id, failure) -> {
            if (failure == null) {
                appended.increment();
                return id;
            }
            refused.increment();
            throw new JournalUnavailableException(describe(failure), failure);
        });
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (SqliteErrors.isDiskFull(cause)) {
            return "the journal's disk is full";
        }
        return "the journal cannot store the batch: " + cause.getMessage();
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
        database.writer()
                .submitWithoutSync(connection -> JournalRows.markDone(database, connection, batchId, eventIndex))
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        markDoneFailures.increment();
                        LOG.debug("markDone not kept; the event will be replayed, flagged redelivered", failure);
                    } else if (result == JournalRows.MarkResult.OUT_OF_RANGE) {
                        LOG.warn("markDone for event {} of batch {} ignored: the batch has fewer events",
                                eventIndex, batchId);
                    }
                });
    }

    @Override
    public List<JournaledBatch> pending() {
        return database.read(JournalRows::pending);
    }

    @Override
    public int prune(Instant cutoff) {
        requireNonNull(cutoff, "cutoff is null");
        return database.writeAndWait(connection -> JournalRows.prune(database, connection, cutoff));
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            database.release();
        }
    }
}
