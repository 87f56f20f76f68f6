package dev.baton.store.postgres;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Read caches split by bucket, kept only for buckets this instance holds: another instance may have written
 * a bucket's rows while it held it, so a bucket's entries are dropped whenever its lease is taken or lost. A
 * bucket's map that outgrows its share of the capacity is cleared (simple, and rare for live conversations).
 */
final class BucketCache {

    private final Map<Integer, Map<Object, Optional<?>>> byBucket = new ConcurrentHashMap<>();
    private final int perBucket;

    BucketCache(int capacity, int buckets) {
        this.perBucket = Math.max(16, capacity / Math.max(1, buckets));
    }

    @SuppressWarnings("unchecked")
    <T> Optional<T> get(int bucket, Object key, Supplier<Optional<T>> load, boolean cacheable) {
        if (!cacheable) {
            return load.get();
        }
        Map<Object, Optional<?>> entries = byBucket.computeIfAbsent(bucket, b -> new ConcurrentHashMap<>());
        Optional<?> cached = entries.get(key);
        if (cached != null) {
            return (Optional<T>) cached;
        }
        Optional<T> loaded = load.get();
        if (entries.size() >= perBucket) {
            entries.clear();
        }
        entries.put(key, loaded);
        return loaded;
    }

    void put(int bucket, Object key, Optional<?> value) {
        Map<Object, Optional<?>> entries = byBucket.computeIfAbsent(bucket, b -> new ConcurrentHashMap<>());
        if (entries.size() >= perBucket) {
            entries.clear();
        }
        entries.put(key, value);
    }

    void drop(int bucket) {
        byBucket.remove(bucket);
    }
}
