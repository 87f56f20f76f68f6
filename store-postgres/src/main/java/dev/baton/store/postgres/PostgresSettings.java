package dev.baton.store.postgres;

import static java.util.Objects.requireNonNull;

import java.time.Duration;



/**
 * The settings of the PostgreSQL stores: the {@code store:} block of a Page with {@code type: postgres}
 * ({@link PostgresStoreProvider} reads it).
 *
 * <pre>{@code
 * store:
 *   type: postgres
 *   url: jdbc:postgresql://db.internal:5432/baton
 *   user: baton
 *   password: ${BATON_DB_PASSWORD}
 *   poolSize: 16
 *   leaseTtl: 10s
 *   buckets: 64
 * }</pre>
 *
 * @param url the JDBC URL ({@code jdbc:postgresql://...})
 * @param user the database user
 * @param password the password (in the Page config: {@code ${NAME}} reads the environment; never logged)
 * @param poolSize connections in the pool (appends, store writes, reads and the lease keeper share them; one
 *     more is held for LISTEN)
 * @param leaseTtl how long a bucket lease lasts unless renewed; renewal runs every third of it. A killed
 *     instance's buckets move after at most this (plus one renewal period)
 * @param buckets how many buckets conversations are hashed into; fixed for the life of the database (every
 *     instance must use the same number: checked at open)
 * @param retention how long fully handled batches stay in the journal
 * @param dedupeCapacity how many of the newest dedupe keys are kept at least
 * @param instanceId this instance's name in the lease table; empty for a fresh random one per start (a
 *     restarted process is a new instance: it never inherits the leases of its previous life)
 */
public record PostgresSettings(String url, String user, String password, int poolSize, Duration leaseTtl,
        int buckets, Duration retention, int dedupeCapacity, String instanceId) {

    public PostgresSettings {
        requireNonNull(url, "url is null");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("url must be a jdbc:postgresql: URL");
        }
        requireNonNull(leaseTtl, "leaseTtl is null");
        requireNonNull(retention, "retention is null");
        if (poolSize < 2) {
            throw new IllegalArgumentException("poolSize must be at least 2: " + poolSize);
        }
        if (leaseTtl.toMillis() < 300) {
            throw new IllegalArgumentException("leaseTtl must be at least 300ms: " + leaseTtl);
        }
        if (buckets < 1 || buckets > 4096) {
            throw new IllegalArgumentException("buckets must be between 1 and 4096: " + buckets);
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention is negative: " + retention);
        }
        if (dedupeCapacity < 1) {
            throw new IllegalArgumentException("dedupeCapacity must be at least 1: " + dedupeCapacity);
        }
        instanceId = instanceId == null ? "" : instanceId;
    }

    /** Settings for {@code url} with the defaults: pool 16, lease 10 s, 64 buckets, 7 days, 100,000 keys. */
    public static PostgresSettings of(String url, String user, String password) {
        return new PostgresSettings(url, user, password, 16, Duration.ofSeconds(10), 64, Duration.ofDays(7),
                100_000, "");
    }

    public PostgresSettings withLeaseTtl(Duration value) {
        return new PostgresSettings(url, user, password, poolSize, value, buckets, retention, dedupeCapacity,
                instanceId);
    }

    public PostgresSettings withBuckets(int value) {
        return new PostgresSettings(url, user, password, poolSize, leaseTtl, value, retention, dedupeCapacity,
                instanceId);
    }

    public PostgresSettings withPoolSize(int value) {
        return new PostgresSettings(url, user, password, value, leaseTtl, buckets, retention, dedupeCapacity,
                instanceId);
    }

    public PostgresSettings withInstanceId(String value) {
        return new PostgresSettings(url, user, password, poolSize, leaseTtl, buckets, retention, dedupeCapacity,
                value);
    }

    public PostgresSettings withDedupeCapacity(int value) {
        return new PostgresSettings(url, user, password, poolSize, leaseTtl, buckets, retention, value, instanceId);
    }

    public PostgresSettings withRetention(Duration value) {
        return new PostgresSettings(url, user, password, poolSize, leaseTtl, buckets, value, dedupeCapacity,
                instanceId);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "PostgresSettings[url=" + url.replaceAll("password=[^&]*", "password=***") + ", user=" + user
                + ", poolSize=" + poolSize + ", leaseTtl=" + leaseTtl + ", buckets=" + buckets + ", retention="
                + retention + ", dedupeCapacity=" + dedupeCapacity + ", instanceId=" + instanceId + "]";
    }
}
