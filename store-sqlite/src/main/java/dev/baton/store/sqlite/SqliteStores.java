package dev.baton.store.sqlite;

import static java.util.Objects.requireNonNull;

import dev.baton.spi.Stores;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the zero-configuration durable stores: the {@link SqliteEventJournal} and the
 * {@link SqliteConversationStore} on one SQLite file, sharing one ordered writer, plus a background task
 * that prunes handled batches older than the retention and gives free pages back to the file system.
 *
 * <pre>{@code
 * try (SqliteStores stores = SqliteStores.open(dataDir.resolve("baton.db"), SqliteStores.Settings.defaults(),
 *         registry, Clock.systemUTC())) {
 *     deployment = Deployment.builder(config).stores(stores.journal(), stores.store())...build();
 * }
 * }</pre>
 *
 * The journal and the store may be closed separately (each closes its share); the file is closed once both
 * are. Only one process may use a file at a time.
 */
public final class SqliteStores implements Stores {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteStores.class);

    private final SqliteEventJournal journal;
    private final SqliteConversationStore store;
    private final ScheduledExecutorService maintenance;

    private SqliteStores(SqliteDatabase database, Settings settings, MeterRegistry registry, Clock clock) {
        this.journal = new SqliteEventJournal(database, registry);
        this.store = new SqliteConversationStore(database, settings);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "baton-sqlite-retention");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.maintenanceInterval().toMillis();
        maintenance.scheduleWithFixedDelay(() -> prune(database, settings, clock), every, every,
                TimeUnit.MILLISECONDS);
    }

    /** Opens (creating when missing) the database at {@code file}. */
    public static SqliteStores open(Path file, Settings settings, MeterRegistry registry, Clock clock) {
        requireNonNull(file, "file is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(registry, "registry is null");
        requireNonNull(clock, "clock is null");
        return new SqliteStores(SqliteDatabase.open(file, settings, registry), settings, registry, clock);
    }

    private void prune(SqliteDatabase database, Settings settings, Clock clock) {
        if (journal.isClosed()) {
            maintenance.shutdown(); // closed through the journal itself, not through these stores
            return;
        }
        try {
            int pruned = journal.prune(clock.instant().minus(settings.retention()));
            if (pruned > 0) {
                LOG.debug("Pruned {} handled batches older than {}", pruned, settings.retention());
                database.vacuumFreePages();
            }
        } catch (RuntimeException e) {
            LOG.warn("Pruning the journal failed; will try again in {}", settings.maintenanceInterval(), e);
        }
    }

    @Override
    public SqliteEventJournal journal() {
        return journal;
    }

    @Override
    public SqliteConversationStore store() {
        return store;
    }

    /** Stops the retention task and closes the journal and the store (committing what is queued). */
    @Override
    public void close() {
        maintenance.shutdownNow();
        journal.close();
        store.close();
    }

    /**
     * Tuning of the SQLite stores.
     *
     * @param retention how long fully handled batches are kept before pruning
     * @param dedupeCapacity how many of the newest dedupe keys are kept at least
     * @param cacheCapacity entries per in-memory cache (ownership, last user message, app state)
     * @param maintenanceInterval how often the retention task runs
     * @param maxDatabaseBytes a cap on the database file (0: only the disk's size); beyond it writes fail as
     *     on a full disk
     * @param writerQueueCapacity writes waiting for the writer before appends are refused (503)
     */
    public record Settings(Duration retention, int dedupeCapacity, int cacheCapacity, Duration maintenanceInterval,
            long maxDatabaseBytes, int writerQueueCapacity) {

        public Settings {
            requireNonNull(retention, "retention is null");
            requireNonNull(maintenanceInterval, "maintenanceInterval is null");
            if (retention.isNegative()) {
                throw new IllegalArgumentException("retention is negative: " + retention);
            }
            if (maintenanceInterval.toMillis() <= 0) {
                throw new IllegalArgumentException("maintenanceInterval must be positive: " + maintenanceInterval);
            }
            positive("dedupeCapacity", dedupeCapacity);
            positive("cacheCapacity", cacheCapacity);
            positive("writerQueueCapacity", writerQueueCapacity);
            if (maxDatabaseBytes < 0) {
                throw new IllegalArgumentException("maxDatabaseBytes is negative: " + maxDatabaseBytes);
            }
        }

        private static void positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
        }

        /** Seven days' retention, 100,000 dedupe keys, 10,000 cached entries per cache, pruning every minute. */
        public static Settings defaults() {
            return new Settings(Duration.ofDays(7), 100_000, 10_000, Duration.ofMinutes(1), 0, 65_536);
        }

        public Settings withRetention(Duration value) {
            return new Settings(value, dedupeCapacity, cacheCapacity, maintenanceInterval, maxDatabaseBytes,
                    writerQueueCapacity);
        }

        public Settings withDedupeCapacity(int value) {
            return new Settings(retention, value, cacheCapacity, maintenanceInterval, maxDatabaseBytes,
                    writerQueueCapacity);
        }

        public Settings withCacheCapacity(int value) {
            return new Settings(retention, dedupeCapacity, value, maintenanceInterval, maxDatabaseBytes,
                    writerQueueCapacity);
        }

        public Settings withMaintenanceInterval(Duration value) {
            return new Settings(retention, dedupeCapacity, cacheCapacity, value, maxDatabaseBytes,
                    writerQueueCapacity);
        }

        public Settings withMaxDatabaseBytes(long value) {
            return new Settings(retention, dedupeCapacity, cacheCapacity, maintenanceInterval, value,
                    writerQueueCapacity);
        }

        public Settings withWriterQueueCapacity(int value) {
            return new Settings(retention, dedupeCapacity, cacheCapacity, maintenanceInterval, maxDatabaseBytes,
                    value);
        }
    }
}
