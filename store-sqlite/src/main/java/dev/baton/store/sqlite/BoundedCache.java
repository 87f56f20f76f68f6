package dev.baton.store.sqlite;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A least-recently-used map with a fixed capacity, so that the heap stays bounded however many
 * conversations the database holds. Values loaded from the database are only cached when no write touched
 * the cache while they were being read, so a slow read never overwrites a newer write. Thread-safe.
 */
final class BoundedCache<K, V> {

    private final Map<K, V> entries;
    private long writes;

    BoundedCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    V get(K key, Function<K, V> loader) {
        long writesBefore;
        synchronized (this) {
            V cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
            writesBefore = writes;
        }
        V loaded = loader.apply(key);
        synchronized (this) {
            if (writes == writesBefore) {
                entries.put(key, loaded);
            }
        }
        return loaded;
    }

    synchronized void put(K key, V value) {
        writes++;
        entries.put(key, value);
    }

    synchronized int size() {
        return entries.size();
    }
}
