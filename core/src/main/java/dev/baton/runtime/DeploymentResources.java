package dev.baton.runtime;

import static java.util.Objects.requireNonNull;

import dev.baton.config.PageConfig;
import dev.baton.spi.ConversationStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.DoubleSupplier;

/**
 * What an {@link OutboundSetup} may build on: the config (with secrets), the store, the clock, the registry,
 * and {@code sendShare}: this instance's share of the Page's Send API budget when the store is shared by
 * several instances ({@code WorkSource#sendShare()}), null when the deployment is alone on its Page.
 */
public record DeploymentResources(PageConfig config, ConversationStore store, Clock clock, MeterRegistry registry,
        DoubleSupplier sendShare) {
    public DeploymentResources {
        requireNonNull(config, "config is null");
        requireNonNull(store, "store is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(registry, "registry is null");
    }

    /** A deployment alone on its Page. */
    public DeploymentResources(PageConfig config, ConversationStore store, Clock clock, MeterRegistry registry) {
        this(config, store, clock, registry, null);
    }

    @Override
    public String toString() {
        return "DeploymentResources[page=" + config.page().id() + "]";
    }
}
