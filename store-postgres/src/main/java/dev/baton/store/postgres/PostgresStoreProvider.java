package dev.baton.store.postgres;

import dev.baton.spi.StoreConfigException;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreOptions;
import dev.baton.spi.StoreProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code store.type: postgres}: {@link PostgresStores} on a PostgreSQL database several instances share.
 * Keys of the {@code store:} block: {@code url} (required), {@code user}, {@code password} (use
 * {@code ${ENV}}), {@code poolSize} (16), {@code leaseTtl} (10s), {@code buckets} (64), {@code retention}
 * (7d), {@code dedupeCapacity} (100000), {@code instanceId} (random per start). Any other key is refused.
 */
public final class PostgresStoreProvider implements StoreProvider {

    public static final String TYPE = "postgres";

    static final Set<String> KEYS = Set.of("url", "user", "password", "poolSize", "leaseTtl", "buckets",
            "retention", "dedupeCapacity", "instanceId");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PostgresStores open(StoreContext context) {
        PostgresSettings settings = settings(context.options());
        MeterRegistry registry = context.service(MeterRegistry.class).orElseGet(SimpleMeterRegistry::new);
        return PostgresStores.open(settings, registry, context.clock());
    }

    /** Checks every key and builds the settings on top of the defaults. */
    static PostgresSettings settings(StoreOptions options) {
        options.refuseUnknown(KEYS);
        String url = options.string("url").orElseThrow(() -> new StoreConfigException("url",
                "required for store.type postgres (jdbc:postgresql://host:port/database)"));
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new StoreConfigException("url", "must be a jdbc:postgresql: URL");
        }
        PostgresSettings settings = PostgresSettings.of(url, options.string("user").orElse(null),
                options.string("password").orElse(null));
        settings = apply("poolSize", settings, s -> options.intValue("poolSize").isPresent()
                ? s.withPoolSize(options.intValue("poolSize").getAsInt()) : s);
        settings = apply("leaseTtl", settings, s -> options.duration("leaseTtl").map(s::withLeaseTtl).orElse(s));
        settings = apply("buckets", settings, s -> options.intValue("buckets").isPresent()
                ? s.withBuckets(options.intValue("buckets").getAsInt()) : s);
        settings = apply("retention", settings, s -> options.duration("retention").map(s::withRetention).orElse(s));
        settings = apply("dedupeCapacity", settings, s -> options.intValue("dedupeCapacity").isPresent()
                ? s.withDedupeCapacity(options.intValue("dedupeCapacity").getAsInt()) : s);
        return apply("instanceId", settings, s -> options.string("instanceId").map(s::withInstanceId).orElse(s));
    }

    private static PostgresSettings apply(String key, PostgresSettings settings, UnaryOperator<PostgresSettings> change) {
        try {
            return change.apply(settings);
        } catch (StoreConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            throw new StoreConfigException(key, message.startsWith(key + " ")
                    ? message.substring(key.length() + 1).replaceFirst(":.*$", "") : "out of range");
        }
    }
}
