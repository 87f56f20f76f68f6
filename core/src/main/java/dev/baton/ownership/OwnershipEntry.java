package dev.baton.ownership;

import dev.baton.spi.ThreadOwnership;
import java.time.Instant;

/**
 * What the tracker remembers about one conversation, in 40 bytes of heap: the owner as an interned app
 * index (-1 when not known), a bit set of apps known NOT to own it (from standby events and partial
 * {@code thread_owner} answers), since / expiry in epoch milliseconds (0 when unknown) and the source.
 * Immutable; replaced as a whole.
 */
final class OwnershipEntry {

    static final long NOBODY = -1L;

    final long sinceMillis;
    final long expiresMillis;
    final long notOwners;
    final short owner;
    final byte source;

    OwnershipEntry(short owner, long notOwners, long sinceMillis, long expiresMillis, ThreadOwnership.Source source) {
        this.owner = owner;
        this.notOwners = notOwners;
        this.sinceMillis = sinceMillis;
        this.expiresMillis = expiresMillis;
        this.source = (byte) source.ordinal();
    }

    ThreadOwnership.Source source() {
        return ThreadOwnership.Source.values()[source];
    }

    boolean expired(long nowMillis) {
        return expiresMillis != 0 && nowMillis >= expiresMillis;
    }

    ThreadOwnership toOwnership(AppIdTable apps) {
        return new ThreadOwnership(apps.appId(owner), sinceMillis == 0 ? null : Instant.ofEpochMilli(sinceMillis),
                expiresMillis == 0 ? null : Instant.ofEpochMilli(expiresMillis), source());
    }

    /** True when this entry answers for {@code askingApp}: the owner is known, or known not to be that app. */
    boolean answersFor(short askingApp) {
        return owner >= 0 || notOwners == NOBODY || (AppIdTable.bit(askingApp) & notOwners) != 0;
    }
}
