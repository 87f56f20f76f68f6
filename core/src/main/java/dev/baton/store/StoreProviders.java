package dev.baton.store;

import static java.util.Objects.requireNonNull;

import dev.baton.config.ConfigException;
import dev.baton.config.StoreSettings;
import dev.baton.spi.StoreConfigException;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProvider;
import dev.baton.spi.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store plugins on the class path, by {@code store.type}. Strict like the app plugin registry: a
 * provider whose type is not {@code [a-z][a-z0-9-]*}, two providers of one type, and a configured type no
 * provider answers to all stop start-up; for the types Baton ships as separate modules the message names
 * the module to add. Immutable and thread-safe.
 */
public final class StoreProviders {

    private static final Logger LOG = LoggerFactory.getLogger(StoreProviders.class);
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]*");

    /** Store types Baton publishes as their own artifact, so a missing one can be named. */
    private static final Map<String, String> MODULES = Map.of(
            "sqlite", "dev.baton:baton-store-sqlite",
            "postgres", "dev.baton:baton-store-postgres");

    private final Map<String, StoreProvider> byType;

    private StoreProviders(Map<String, StoreProvider> byType) {
        this.byType = byType;
    }

    /** The providers listed in {@code META-INF/services/dev.baton.spi.StoreProvider} of {@code classLoader}'s jars. */
    public static StoreProviders discover(ClassLoader classLoader) {
        requireNonNull(classLoader, "classLoader is null");
        try {
            return of(ServiceLoader.load(StoreProvider.class, classLoader).stream()
                    .map(ServiceLoader.Provider::get).toList());
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a store plugin cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** The providers on the thread's context class path (the Page jar's). */
    public static StoreProviders discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : StoreProviders.class.getClassLoader());
    }

    /** Exactly these providers (tests: a class path without some store). */
    public static StoreProviders of(List<? extends StoreProvider> providers) {
        Map<String, StoreProvider> byType = new TreeMap<>();
        for (StoreProvider provider : providers) {
            String type = provider.type();
            if (type == null || !TYPE.matcher(type).matches()) {
                throw new IllegalStateException("store plugin " + provider.getClass().getName()
                        + " has a type that is not [a-z][a-z0-9-]*: " + type);
            }
            StoreProvider previous = byType.putIfAbsent(type, provider);
            if (previous != null) {
                throw new IllegalStateException("two store plugins answer to store.type '" + type + "': "
                        + previous.getClass().getName() + " and " + provider.getClass().getName());
            }
            LOG.debug("store plugin '{}' registered ({})", type, provider.getClass().getName());
        }
        return new StoreProviders(Map.copyOf(byType));
    }

    /** The store types available, sorted. */
    public List<String> types() {
        return byType.keySet().stream().sorted().toList();
    }

    /** The provider for {@code type}; a {@link ConfigException} at {@code store.type} when none is on the class path. */
    public StoreProvider provider(String type) {
        StoreProvider provider = byType.get(type);
        if (provider != null) {
            return provider;
        }
        String module = MODULES.get(type);
        String advice = module != null
                ? "its module " + module + " is not on the class path; add it to the Page jar's dependencies"
                : "no store plugin of that type is on the class path; add the module that provides it";
        throw new ConfigException("store.type", "'" + type + "': " + advice + " (available: " + types() + ")");
    }

    /**
     * Opens the configured stores. A key the provider refuses becomes a {@link ConfigException} at
     * {@code store.KEY}; the deployment owns and closes what is returned.
     */
    public Stores open(StoreSettings settings, Path dataDir, Clock clock, Map<Class<?>, Object> services) {
        requireNonNull(settings, "settings is null");
        StoreProvider provider = provider(settings.type());
        try {
            Stores stores = provider.open(new StoreContext(settings.options(), dataDir, clock, services));
            if (stores == null || stores.journal() == null || stores.store() == null) {
                throw new IllegalStateException("store plugin '" + settings.type() + "' opened no journal or store");
            }
            LOG.info("Store '{}' opened ({})", settings.type(), provider.getClass().getName());
            return stores;
        } catch (StoreConfigException e) {
            throw new ConfigException("store." + e.key(), e.reason());
        }
    }
}
