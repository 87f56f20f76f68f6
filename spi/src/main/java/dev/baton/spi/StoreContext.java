package dev.baton.spi;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link StoreProvider} is given to open its stores.
 *
 * @param options the {@code store:} block of the Page config, without {@code type}
 * @param dataDir the deployment's data directory ({@code dataDir}), where an embedded store puts its files
 * @param clock the deployment's clock (the emulator's simulated clock in tests), for retention and the like
 * @param services objects of the runtime a store may use, by type; today a
 *     {@code io.micrometer.core.instrument.MeterRegistry} for the store's meters. Kept by type so this record
 *     names no framework type.
 */
public record StoreContext(StoreOptions options, Path dataDir, Clock clock, Map<Class<?>, Object> services) {

    public StoreContext {
        requireNonNull(options, "options is null");
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(clock, "clock is null");
        services = Map.copyOf(requireNonNull(services, "services is null"));
        services.forEach((type, service) -> {
            if (!type.isInstance(service)) {
                throw new IllegalArgumentException("service for " + type.getName() + " is a " + service.getClass().getName());
            }
        });
    }

    /** The runtime's object of {@code type}, when it offers one. */
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(type::cast);
    }
}
