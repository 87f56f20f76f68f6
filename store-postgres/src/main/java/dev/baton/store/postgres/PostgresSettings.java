package dev.baton.store.postgres;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code store:} block of a Page on PostgreSQL.
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
 * @param password the password; {@code ${NAME}} reads the environment variable NAME (never logged)
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

    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

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

    /**
     * Binds a {@code store:} block (its {@code type} key is skipped). Unknown keys are refused naming the key
     * ({@code store.KEY}); {@code ${NAME}} in url, user and password is read from {@code environment}.
     */
    public static PostgresSettings bind(JsonNode block, Function<String, String> environment) {
        requireNonNull(block, "block is null");
        requireNonNull(environment, "environment is null");
        JsonNode copy = block.deepCopy();
        if (copy.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("type");
        }
        Raw raw;
        try {
            raw = STRICT.treeToValue(copy, Raw.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("store." + e.getPropertyName() + ": unknown key (known: url, user, "
                    + "password, poolSize, leaseTtl, buckets, retention, dedupeCapacity, instanceId)");
        } catch (JsonMappingException e) {
            String path = e.getPath().isEmpty() ? "" : "." + e.getPath().get(0).getFieldName();
            throw new IllegalArgumentException("store" + path + ": " + e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("store: " + e.getOriginalMessage());
        }
        if (raw.url == null) {
            throw new IllegalArgumentException("store.url: required for type postgres");
        }
        PostgresSettings defaults = of("jdbc:postgresql:", null, null);
        try {
            return new PostgresSettings(substitute(raw.url, environment, "url"),
                    substitute(raw.user, environment, "user"), substitute(raw.password, environment, "password"),
                    Optional.ofNullable(raw.poolSize).orElse(defaults.poolSize),
                    raw.leaseTtl == null ? defaults.leaseTtl : duration(raw.leaseTtl, "leaseTtl"),
                    Optional.ofNullable(raw.buckets).orElse(defaults.buckets),
                    raw.retention == null ? defaults.retention : duration(raw.retention, "retention"),
                    Optional.ofNullable(raw.dedupeCapacity).orElse(defaults.dedupeCapacity),
                    raw.instanceId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("store." + e.getMessage(), e);
        }
    }

    /** {@link #bind(JsonNode, Function)} on a plain map, reading the process environment. */
    public static PostgresSettings bind(Map<String, ?> block) {
        return bind(STRICT.valueToTree(block), System::getenv);
    }

    private static String substitute(String value, Function<String, String> environment, String key) {
        if (value == null) {
            return null;
        }
        Matcher matcher = ENV.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String found = environment.apply(matcher.group(1));
            if (found == null) {
                throw new IllegalArgumentException("store." + key + ": environment variable " + matcher.group(1)
                        + " is not set");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(found));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 7d} or ISO-8601 ({@code PT10S}). */
    static Duration duration(String text, String key) {
        String value = text.trim();
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                return Duration.parse(value);
            }
            Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(value);
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
        } catch (RuntimeException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(key + ": not a duration: " + text);
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

    /** The block as written, before defaults and environment substitution. */
    private static final class Raw {
        final String url;
        final String user;
        final String password;
        final Integer poolSize;
        final String leaseTtl;
        final Integer buckets;
        final String retention;
        final Integer dedupeCapacity;
        final String instanceId;

        @JsonCreator
        Raw(@JsonProperty("url") String url, @JsonProperty("user") String user,
                @JsonProperty("password") String password, @JsonProperty("poolSize") Integer poolSize,
                @JsonProperty("leaseTtl") String leaseTtl, @JsonProperty("buckets") Integer buckets,
                @JsonProperty("retention") String retention, @JsonProperty("dedupeCapacity") Integer dedupeCapacity,
                @JsonProperty("instanceId") String instanceId) {
            this.url = url;
            this.user = user;
            this.password = password;
            this.poolSize = poolSize;
            this.leaseTtl = leaseTtl;
            this.buckets = buckets;
            this.retention = retention;
            this.dedupeCapacity = dedupeCapacity;
            this.instanceId = instanceId;
        }
    }
}
