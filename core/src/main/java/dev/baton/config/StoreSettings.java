package dev.baton.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code store:} section. {@code path} is the database file ({@code dataDir/baton.db} when absent; the
 * Page config fills it in); {@code retention} is how long handled batches stay in the journal;
 * {@code dedupeCapacity} is how many event keys (mids) per deployment are remembered to drop Meta's retries.
 */
public record StoreSettings(StoreType type, Path path, Duration retention, int dedupeCapacity) {

    public static final StoreSettings DEFAULTS = new StoreSettings(StoreType.SQLITE, null, Duration.ofDays(7), 100_000);

    public StoreSettings {
        requireNonNull(type, "type is null");
        requireNonNull(retention, "retention is null");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention is negative");
        }
        if (dedupeCapacity < 1) {
            throw new IllegalArgumentException("dedupeCapacity must be at least 1: " + dedupeCapacity);
        }
    }

    public StoreSettings withPath(Path newPath) {
        return new StoreSettings(type, newPath, retention, dedupeCapacity);
    }

    public StoreSettings withType(StoreType newType) {
        return new StoreSettings(newType, path, retention, dedupeCapacity);
    }
}
