package dev.baton.runtime;

import static java.util.Objects.requireNonNull;

import dev.baton.config.PageConfig;
import dev.baton.spi.ConversationStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/** What an {@link OutboundSetup} may build on: the config (with secrets), the store, the clock, the registry. */
public record DeploymentResources(PageConfig config, ConversationStore store, Clock clock, MeterRegistry registry) {
    public DeploymentResources {
        requireNonNull(config, "config is null");
        requireNonNull(store, "store is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(registry, "registry is null");
    }

    @Override
    public String toString() {
        return "DeploymentResources[page=" + config.page().id() + "]";
    }
}
