package dev.baton.store.postgres;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.baton.spi.Stores;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the PostgreSQL stores of one instance: a HikariCP pool, the schema brought up to date by Flyway,
 * this instance's bucket leases (taken before {@code open} returns, so a sole instance holds every free
 * bucket at once), the {@link PostgresEventJournal} and the {@link PostgresConversationStore}, and a
 * maintenance task that prunes handled batches and trims dedupe keys.
 *
 * <pre>{@code
 * try (PostgresStores stores = PostgresStores.open(PostgresSettings.of(url, user, password), registry,
 *         Clock.systemUTC())) {
 *     deployment = Deployment.builder(config).journal(stores.journal()).store(stores.store())...;
 * }
 * }</pre>
 *
 * Several instances (processes) may open the same database; each holds an even share of the buckets.
 */
public final class PostgresStores implements Stores {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStores.class);
    private static final int APPEND_COMMITTERS = 1;
    private static final int APPEND_QUEUE = 65_536;
    private static final int CACHE_CAPACITY = 10_000;
    private static final int EVENT_BUCKETS_KEPT = 200_000;

    private final HikariDataSource dataSource;
    private final HikariDataSource appendPool;
    private final HikariDataSource markPool;
    private final BucketLeases leases;
    private final WorkWakeups wakeups;
    private final PostgresEventJournal journal;
    private final PostgresConversationStore store;
    private final ScheduledExecutorService maintenance;
    private final PostgresSettings settings;
    /** Hears this instance's committed appends (set once the feed exists). */
    private volatile WorkFeed feed;

    private PostgresStores(HikariDataSource dataSource, PostgresSettings settings, MeterRegistry registry,
            Clock clock) {
        this.dataSource = dataSource;
        this.appendPool = pool(settings, "baton-postgres-append", APPEND_COMMITTERS);
        this.markPool = pool(settings, "baton-postgres-marks", 1, false);
        this.settings = settings;
        String instanceId = settings.instanceId().isEmpty() ? freshInstanceId() : settings.instanceId();
        this.leases = new BucketLeases(dataSource, new Buckets(settings.buckets()), instanceId, settings.leaseTtl(),
                registry);
        this.wakeups = new WorkWakeups(settings, leases);
        AppendCommitter committer = new AppendCommitter(appendPool, APPEND_COMMITTERS, APPEND_QUEUE,
                batches -> {
                    WorkFeed current = feed;
                    if (current != null) {
                        current.appended(batches);
                    }
                }, registry, instanceId);
        this.journal = new PostgresEventJournal(dataSource, leases, committer,
                new MarkDoneWriter(markPool, leases, registry), registry);
        EventBuckets eventBuckets = new EventBuckets(EVENT_BUCKETS_KEPT);
        this.store = new PostgresConversationStore(dataSource, leases, CACHE_CAPACITY, settings.dedupeCapacity(),
                registry, eventBuckets);
        WorkFeed feed = new WorkFeed(dataSource, leases, store, registry, eventBuckets);
        this.feed = feed;
        leases.addListener(feed); // after the store's own listener: caches are dropped before the backlog runs
        wakeups.addListener(feed::wake);
        wakeups.addTimerListener(feed::wakeTimers);
        journal.feed(feed);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "baton-postgres-retention");
            thread.setDaemon(true);
            return thread;
        });
        leases.start();
        wakeups.start();
        maintenance.scheduleWithFixedDelay(() -> maintain(clock), 1, 1, TimeUnit.MINUTES);
    }

    /** Connects, migrates the schema, checks the bucket count and takes this instance's leases. */
    public static PostgresStores open(PostgresSettings settings, MeterRegistry registry, Clock clock) {
        requireNonNull(settings, "settings is null");
        requireNonNull(registry, "registry is null");
        requireNonNull(clock, "clock is null");
        HikariDataSource dataSource = pool(settings, "baton-postgres", settings.poolSize());
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/baton-postgres")
                    .table("baton_schema_history").load().migrate();
            prepareBuckets(dataSource, settings.buckets());
            return new PostgresStores(dataSource, settings, registry, clock);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static HikariDataSource pool(PostgresSettings settings, String name, int size) {
        return pool(settings, name, size, true);
    }

    /**
     * {@code synchronousCommit} false only for the pool of {@link MarkDoneWriter}, whose lost writes replay an
     * event (flagged), never lose one; every other session commits synchronously.
     */
    private static HikariDataSource pool(PostgresSettings settings, String name, int size,
            boolean synchronousCommit) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(4, size));
        config.setPoolName(name);
        config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        // Durable before the 200: whatever the server's default, these sessions commit synchronously.
        config.setConnectionInitSql(synchronousCommit ? "SET synchronous_commit = on"
                : "SET synchronous_commit = off");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "baton");
        return new HikariDataSource(config);
    }

    private static void prepareBuckets(HikariDataSource dataSource, int buckets) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO baton_meta (name, value) VALUES ('buckets', ?) ON CONFLICT DO NOTHING")) {
                statement.setString(1, Integer.toString(buckets));
                statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT value FROM baton_meta WHERE name = 'buckets'");
                    ResultSet row = statement.executeQuery()) {
                row.next();
                int stored = Integer.parseInt(row.getString(1));
                if (stored != buckets) {
                    throw new IllegalStateException("store.buckets is " + buckets + " but the database was set up"
                            + " with " + stored + " buckets; every instance must use " + stored);
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO baton_bucket (bucket) SELECT generate_series(0, ? - 1) ON CONFLICT DO NOTHING")) {
                statement.setInt(1, buckets);
                statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO baton_bucket_seq (bucket) SELECT generate_series(0, ? - 1) ON CONFLICT DO NOTHING")) {
                statement.setInt(1, buckets);
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new PostgresStoreException("preparing the buckets failed: " + e.getMessage(), e);
        }
    }

    private static String freshInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void maintain(Clock clock) {
        try {
            int pruned = journal.prune(clock.instant().minus(settings.retention()));
            int trimmed = store.trimDedupeKeys();
            if (pruned > 0 || trimmed > 0) {
                LOG.debug("pruned {} handled batches, {} old dedupe keys", pruned, trimmed);
            }
        } catch (RuntimeException e) {
            LOG.warn("store maintenance failed; will try again in a minute ({})", e.getMessage());
        }
    }

    @Override
    public PostgresEventJournal journal() {
        return journal;
    }

    @Override
    public PostgresConversationStore store() {
        return store;
    }

    /** This instance's name in the lease table. */
    public String instanceId() {
        return leases.instanceId();
    }

    BucketLeases leases() {
        return leases;
    }

    WorkWakeups wakeups() {
        return wakeups;
    }

    /** Which bucket {@code key} is in. */
    public int bucketOf(dev.baton.event.ConversationKey key) {
        return leases.buckets().of(key);
    }

    /** The buckets this instance holds now. */
    public java.util.Set<Integer> heldBuckets() {
        return leases.heldBuckets();
    }

    /** Commits what is queued, hands the leases back (so others take over at once) and closes the pool. */
    @Override
    public void close() {
        maintenance.shutdownNow();
        journal.close();
        wakeups.close();
        leases.close();
        store.close();
        appendPool.close();
        markPool.close();
        dataSource.close();
    }
}
