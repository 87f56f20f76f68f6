package dev.baton.store.memory;

import static java.util.Objects.requireNonNull;

import dev.baton.spi.EventJournal;
import dev.baton.spi.JournalUnavailableException;
import dev.baton.spi.JournaledBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link EventJournal} kept in the heap: for tests, benchmarks and deployments that accept losing
 * unhandled events on a crash. Appends complete at once.
 *
 * <p>Because nothing survives the process, a batch is forgotten as soon as its last event is marked done
 * (so heap use follows the events in flight, not the traffic seen); {@link #prune} therefore only has batches
 * whose event count was never given (the three-argument {@link #append(String, byte[], Instant)}), which it
 * cannot know to be handled and keeps. Thread-safe.
 *
 * <p>The body handed to {@code append} is kept as is, not copied: the caller gives the array over and must
 * not change it afterwards (see {@link EventJournal#append(String, byte[], Instant)}; the webhook ingest
 * reads a fresh array per request and never touches it again). {@link #pending()} hands out copies.
 */
public final class InMemoryEventJournal implements EventJournal {

    private static final int UNKNOWN_COUNT = -1;

    // A hash map, not a sorted one: appends and removals are the hot path, pending() (start-up) sorts.
    private final ConcurrentHashMap<Long, Batch> batches = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private volatile boolean closed;

    @Override
    public CompletableFuture<Long> append(String appName, byte[] body, Instant receivedAt) {
        return append(appName, body, receivedAt, UNKNOWN_COUNT);
    }

    @Override
    public CompletableFuture<Long> append(String appName, byte[] body, Instant receivedAt, int eventCount) {
        requireNonNull(appName, "appName is null");
        requireNonNull(body, "body is null");
        requireNonNull(receivedAt, "receivedAt is null");
        if (closed) {
            return CompletableFuture.failedFuture(new JournalUnavailableException("journal is closed", null));
        }
        long id = nextId.getAndIncrement();
        if (eventCount != 0) {
            // A batch without events is handled the moment it is kept: nothing to replay.
            batches.put(id, new Batch(appName, body, receivedAt, eventCount));
        }
        return CompletableFuture.completedFuture(id);
    }

    @Override
    public void markDone(long batchId, int eventIndex) {
        if (eventIndex < 0) {
            throw new IllegalArgumentException("eventIndex is negative: " + eventIndex);
        }
        Batch batch = batches.get(batchId);
        if (batch == null || (batch.eventCount != UNKNOWN_COUNT && eventIndex >= batch.eventCount)) {
            return; // unknown or pruned batch, or an index it does not have: nothing to mark (as in every journal)
        }
        boolean complete;
        if (batch.eventCount == 1) {
            complete = true; // the common one-event batch: nothing to remember, it goes
        } else {
            synchronized (batch) {
                batch.done.set(eventIndex);
                complete = batch.eventCount != UNKNOWN_COUNT && batch.done.cardinality() >= batch.eventCount;
            }
        }
        if (complete) {
            batches.remove(batchId, batch);
        }
    }

    @Override
    public List<JournaledBatch> pending() {
        List<Map.Entry<Long, Batch>> entries = new ArrayList<>(batches.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        List<JournaledBatch> result = new ArrayList<>();
        for (Map.Entry<Long, Batch> entry : entries) {
            Batch batch = entry.getValue();
            Set<Integer> done = new HashSet<>();
            synchronized (batch) {
                batch.done.stream().forEach(done::add);
            }
            result.add(new JournaledBatch(entry.getKey(), batch.appName, batch.body.clone(), batch.receivedAt, done));
        }
        return result;
    }

    @Override
    public int prune(Instant cutoff) {
        return 0;
    }

    /** How many batches are kept: accepted and not yet fully handled. */
    public int size() {
        return batches.size();
    }

    /** How many batches were ever accepted (handled ones included). */
    public long appendedCount() {
        return nextId.get() - 1;
    }

    @Override
    public void close() {
        closed = true;
    }

    private static final class Batch {
        final String appName;
        final byte[] body;
        final Instant receivedAt;
        final int eventCount;
        final BitSet done = new BitSet();

        Batch(String appName, byte[] body, Instant receivedAt, int eventCount) {
            this.appName = appName;
            this.body = body;
            this.receivedAt = receivedAt;
            this.eventCount = eventCount;
        }
    }
}
