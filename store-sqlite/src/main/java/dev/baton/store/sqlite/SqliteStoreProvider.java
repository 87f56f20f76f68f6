package dev.baton.store.sqlite;

import dev.baton.spi.StoreConfigException;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreOptions;
import dev.baton.spi.StoreProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code store.type: sqlite} (the default): {@link SqliteStores} on one file. Keys of the {@code store:}
 * block, all optional: {@code path} (default {@code dataDir/baton.db}), {@code retention} (7d),
 * {@code dedupeCapacity} (100000), {@code cacheCapacity} (10000), {@code maintenanceInterval} (1m),
 * {@code maxDatabaseBytes} (0: the disk's size), {@code writerQueueCapacity} (65536). Any other key is refused.
 */
public final class SqliteStoreProvider implements StoreProvider {

    public static final String TYPE = "sqlite";

    static final Set<String> KEYS = Set.of("path", "retention", "dedupeCapacity", "cacheCapacity",
            "maintenanceInterval", "maxDatabaseBytes", "writerQueueCapacity");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SqliteStores open(StoreContext context) {
        StoreOptions options = context.options();
        SqliteStores.Settings settings = settings(options);
        Path file = options.path("path").orElse(context.dataDir().resolve("baton.db"));
        MeterRegistry registry = context.service(MeterRegistry.class).orElseGet(SimpleMeterRegistry::new);
        return SqliteStores.open(prepare(file), settings, registry, context.clock());
    }

    /** The settings the options give, on top of {@link SqliteStores.Settings#defaults()}; checks every key. */
    static SqliteStores.Settings settings(StoreOptions options) {
        options.refuseUnknown(KEYS);
        options.path("path");
        SqliteStores.Settings settings = SqliteStores.Settings.defaults();
        settings = apply("retention", settings, s -> options.duration("retention").map(s::withRetention).orElse(s));
        settings = apply("maintenanceInterval", settings,
                s -> options.duration("maintenanceInterval").map(s::withMaintenanceInterval).orElse(s));
        settings = apply("dedupeCapacity", settings, s -> {
            OptionalInt value = options.intValue("dedupeCapacity");
            return value.isPresent() ? s.withDedupeCapacity(value.getAsInt()) : s;
        });
        settings = apply("cacheCapacity", settings, s -> {
            OptionalInt value = options.intValue("cacheCapacity");
            return value.isPresent() ? s.withCacheCapacity(value.getAsInt()) : s;
        });
        settings = apply("writerQueueCapacity", settings, s -> {
            OptionalInt value = options.intValue("writerQueueCapacity");
            return value.isPresent() ? s.withWriterQueueCapacity(value.getAsInt()) : s;
        });
        return apply("maxDatabaseBytes", settings, s -> {
            OptionalLong value = options.longValue("maxDatabaseBytes");
            return value.isPresent() ? s.withMaxDatabaseBytes(value.getAsLong()) : s;
        });
    }

    /** Applies one key; a range check of {@code Settings} (which quotes the value) becomes the key's error. */
    private static SqliteStores.Settings apply(String key, SqliteStores.Settings settings,
            UnaryOperator<SqliteStores.Settings> change) {
        try {
            return change.apply(settings);
        } catch (StoreConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // "dedupeCapacity must be positive: 0" -> "must be positive" (no value in config errors)
            String message = String.valueOf(e.getMessage());
            throw new StoreConfigException(key, message.startsWith(key + " ")
                    ? message.substring(key.length() + 1).replaceFirst(":.*$", "") : "out of range");
        }
    }

    private static Path prepare(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + parent, e);
        }
        return file;
    }
}
