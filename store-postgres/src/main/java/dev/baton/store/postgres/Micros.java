package dev.baton.store.postgres;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as microseconds since the epoch (PostgreSQL's own resolution), in bigint columns; timers' due times
 * also as nanoseconds.
 */
final class Micros {

    private Micros() {}

    static long of(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static Instant toInstant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** Nanoseconds since the epoch (timers' due times, which name a firing's dedupe key exactly). */
    static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    static Instant fromNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
