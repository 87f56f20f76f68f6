package dev.baton.spi;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where accepted webhook batches are kept until every event is handled. The transport answers Meta's POST
 * only after {@link #append} completed, so an acknowledged event is never lost.
 *
 * <p>Thread-safe. {@link #append} may be called from many request threads at once; a durable
 * implementation shares one disk sync among them (group commit).
 */
public interface EventJournal extends AutoCloseable {

    /**
     * Stores a verified batch (the raw body, as signed) for the hosted app {@code appName}. The future
     * completes with the batch id once the batch is durable, or exceptionally with
     * {@link JournalUnavailableException} when it cannot be kept (disk full, closed).
     *
     * <p>The caller hands {@code body} over: it must not change the array after this call, and an
     * implementation may keep it without copying (the webhook ingest passes the array it read for this one
     * request and never touches it again).
     */
    CompletableFuture<Long> append(String appName, byte[] body, Instant receivedAt);

    /**
     * Like {@link #append(String, byte[], Instant)}, also telling the journal how many events the batch holds
     * (its {@code WebhookBatch.events().size()}), so that the journal knows when every event is marked done:
     * {@link #pending()} leaves the batch out and {@link #prune} may delete it from then on. The dispatcher
     * always calls this form. The default ignores the count; a journal that keeps it overrides this.
     */
    default CompletableFuture<Long> append(String appName, byte[] body, Instant receivedAt, int eventCount) {
        return append(appName, body, receivedAt);
    }

    /** Marks event {@code eventIndex} (position in {@code WebhookBatch.events()}) of a batch as handled. */
    void markDone(long batchId, int eventIndex);

    /** Batches with at least one event not marked done, oldest first: what to replay at start-up. */
    List<JournaledBatch> pending();

    /** Deletes fully handled batches received before {@code cutoff}; returns how many went. */
    int prune(Instant cutoff);

    /** Closes the journal; appends after this fail. */
    @Override
    void close();
}
