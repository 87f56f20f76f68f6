package dev.baton.ownership;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Interns Meta app ids to small numbers, so that a tracked conversation stores a {@code short} instead of a
 * string. A Page sees a handful of apps; the table never shrinks. Thread-safe.
 */
final class AppIdTable {

    static final int MAX_APPS = Short.MAX_VALUE;

    private final ConcurrentHashMap<String, Short> indexes = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<String> ids = new CopyOnWriteArrayList<>();

    short indexOf(String appId) {
        return indexes.computeIfAbsent(appId, id -> {
            synchronized (ids) {
                if (ids.size() >= MAX_APPS) {
                    throw new IllegalStateException("more than " + MAX_APPS + " distinct app ids seen");
                }
                ids.add(id);
                return (short) (ids.size() - 1);
            }
        });
    }

    String appId(short index) {
        return index < 0 ? null : ids.get(index);
    }

    /** A bit for the first 64 apps (the hosted ones are interned first), 0 for the rest. */
    static long bit(short index) {
        return index >= 0 && index < 64 ? 1L << index : 0L;
    }
}
