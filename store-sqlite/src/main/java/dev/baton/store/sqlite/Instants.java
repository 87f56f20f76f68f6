package dev.baton.store.sqlite;

import java.time.Instant;

/**
 * Instants as SQLite integers: nanoseconds since the epoch, which keeps every instant a clock or a webhook
 * gives (years 1678 to 2261) exact and sortable. Instants outside that range are clamped to its ends.
 */
final class Instants {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Instants() {}

    static long toNanos(Instant instant) {
        long seconds = instant.getEpochSecond();
        try {
            return Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), instant.getNano());
        } catch (ArithmeticException outOfRange) {
            return seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static Instant fromNanos(long nanos) {
        return Instant.ofEpochSecond(0, nanos);
    }
}
