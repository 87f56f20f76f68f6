package dev.baton.store.postgres;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The buckets of journaled events this instance has seen (its own appends and what its work feed read), so
 * that a claim by journal entry ({@code batchId:index}) finds its bucket without asking the database. An
 * event's bucket never changes, so an entry is never stale; past {@code capacity} events the map is cleared
 * (a miss only costs the one-row query it saves).
 */
final class EventBuckets {

    private static final int INDEX_BITS = 20;

    private final ConcurrentHashMap<Long, Integer> byEvent = new ConcurrentHashMap<>();
    private final int capacity;

    EventBuckets(int capacity) {
        this.capacity = capacity;
    }

    void remember(long batchId, int index, int bucket) {
        if (index < 0 || index >= 1 << INDEX_BITS || batchId < 0 || batchId >= 1L << (63 - INDEX_BITS)) {
            return;
        }
        if (byEvent.size() >= capacity) {
            byEvent.clear();
        }
        byEvent.put(batchId << INDEX_BITS | index, bucket);
    }

    /** The bucket of event {@code index} of batch {@code batchId}, or -1 when not known here. */
    int of(long batchId, int index) {
        if (index < 0 || index >= 1 << INDEX_BITS || batchId < 0 || batchId >= 1L << (63 - INDEX_BITS)) {
            return -1;
        }
        Integer bucket = byEvent.get(batchId << INDEX_BITS | index);
        return bucket == null ? -1 : bucket;
    }
}
