package dev.baton.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.baton.spi.StoreOptions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code store:} section: {@code type} names the store plugin ({@code sqlite}, the default, or
 * {@code memory}; others come with their module, see {@code docs/STORES.md}); every other key belongs to that
 * plugin, which reads and checks them when the deployment is built (an unknown key stops start-up, named
 * {@code store.KEY}). {@code toString()} prints the option keys only: a store's password may be among them.
 */
public record StoreSettings(String type, StoreOptions options) {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]*");

    /** The default store plugin: the embedded SQLite file under {@code dataDir}. */
    public static final String DEFAULT_TYPE = "sqlite";

    public static final StoreSettings DEFAULTS = new StoreSettings(DEFAULT_TYPE, StoreOptions.NONE);

    /** The heap stores: for tests and demos. */
    public static final StoreSettings MEMORY = new StoreSettings("memory", StoreOptions.NONE);

    public StoreSettings {
        requireNonNull(type, "type is null");
        requireNonNull(options, "options is null");
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("store.type must match [a-z][a-z0-9-]*: " + type);
        }
    }

    /** A store of {@code type} with no options. */
    public static StoreSettings of(String type) {
        return new StoreSettings(type, StoreOptions.NONE);
    }

    /** How the config file's block is read: {@code type} and the plugin's keys in one map. */
    @JsonCreator
    static StoreSettings fromBlock(Map<String, Object> block) {
        Map<String, Object> options = new LinkedHashMap<>(block);
        Object type = options.remove("type");
        if (type != null && !(type instanceof String)) {
            throw new ConfigException("store.type", "wrong type or format (expected the name of a store plugin)");
        }
        for (Map.Entry<String, Object> option : options.entrySet()) {
            if (option.getValue() == null) {
                throw new ConfigException("store." + option.getKey(), "missing (null)");
            }
        }
        String name = type == null ? DEFAULT_TYPE : ((String) type).trim().toLowerCase(Locale.ROOT);
        if (!TYPE.matcher(name).matches()) {
            throw new ConfigException("store.type", "not a store plugin name (expected [a-z][a-z0-9-]*)");
        }
        return new StoreSettings(name, new StoreOptions(options));
    }

    @JsonValue
    Map<String, Object> toBlock() {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("type", type);
        block.putAll(options.values());
        return block;
    }

    /** These settings with {@code key} set for the plugin (tests, harnesses). */
    public StoreSettings with(String key, Object value) {
        return new StoreSettings(type, options.with(key, value));
    }

    public StoreSettings withType(String newType) {
        return new StoreSettings(newType, options);
    }
}
