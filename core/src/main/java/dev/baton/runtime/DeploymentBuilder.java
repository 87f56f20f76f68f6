package dev.baton.runtime;

import static java.util.Objects.requireNonNull;

import dev.baton.config.PageConfig;
import dev.baton.dispatch.DispatchListener;
import dev.baton.dispatch.OutboundFactory;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.EventJournal;
import dev.baton.spi.Stores;
import dev.baton.store.StoreProviders;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Assembles a {@link Deployment}. Required: the config and the way out to Meta ({@link #outbound}). Defaults:
 * app plugins from the class path, journal and store opened by the store plugin {@code store.type} names
 * (found on the class path, see {@link StoreProviders}; the deployment then owns and closes them), the system
 * UTC clock, a registry must be given.
 */
public final class DeploymentBuilder {

    final PageConfig config;
    final List<DispatchListener> listeners = new ArrayList<>();
    OutboundSetup outboundSetup;
    PluginRegistry plugins;
    StoreProviders storeProviders;
    EventJournal journal;
    ConversationStore store;
    Clock clock = Clock.systemUTC();
    MeterRegistry registry;

    DeploymentBuilder(PageConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    /** The way out to Meta, built once the store exists; it may add listeners (ownership tracking). */
    public DeploymentBuilder outbound(OutboundSetup setup) {
        this.outboundSetup = requireNonNull(setup, "setup is null");
        return this;
    }

    /** The production way out: the Graph API client for the config's Page and apps (see {@link GraphOutboundSetup}). */
    public DeploymentBuilder graphOutbound() {
        return outbound(new GraphOutboundSetup());
    }

    /** A ready-made way out to Meta (tests: a {@code RecordingOutbound} per app). */
    public DeploymentBuilder outbound(OutboundFactory factory) {
        requireNonNull(factory, "factory is null");
        this.outboundSetup = (resources, listenerSink) -> factory;
        return this;
    }

    public DeploymentBuilder plugins(PluginRegistry registryOfPlugins) {
        this.plugins = requireNonNull(registryOfPlugins, "plugins is null");
        return this;
    }

    /** The store plugins to choose {@code store.type} from; otherwise those on the class path. */
    public DeploymentBuilder storeProviders(StoreProviders providers) {
        this.storeProviders = requireNonNull(providers, "providers is null");
        return this;
    }

    /** A journal and store opened by the caller (who closes them); otherwise they come from the config. */
    public DeploymentBuilder stores(EventJournal eventJournal, ConversationStore conversationStore) {
        this.journal = requireNonNull(eventJournal, "journal is null");
        this.store = requireNonNull(conversationStore, "store is null");
        return this;
    }

    public DeploymentBuilder listener(DispatchListener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
        return this;
    }

    public DeploymentBuilder clock(Clock newClock) {
        this.clock = requireNonNull(newClock, "clock is null");
        return this;
    }

    public DeploymentBuilder registry(MeterRegistry meterRegistry) {
        this.registry = requireNonNull(meterRegistry, "registry is null");
        return this;
    }

    /** Loads every app and wires the deployment; not started yet. */
    public Deployment build() {
        if (outboundSetup == null) {
            throw new IllegalStateException("set the way out to Meta with outbound(...)");
        }
        if (registry == null) {
            throw new IllegalStateException("set a MeterRegistry with registry(...)");
        }
        PluginRegistry pluginRegistry = plugins != null ? plugins : PluginRegistry.discover();
        List<AutoCloseable> owned = new ArrayList<>();
        EventJournal eventJournal = journal;
        ConversationStore conversationStore = store;
        if (eventJournal == null) {
            StoreProviders providers = storeProviders != null ? storeProviders : StoreProviders.discover();
            Stores stores = providers.open(config.store(), config.dataDir(), clock,
                    Map.of(MeterRegistry.class, registry));
            owned.add(stores);
            eventJournal = stores.journal();
            conversationStore = stores.store();
        }
        try {
            return Deployment.assemble(this, pluginRegistry, eventJournal, conversationStore, owned);
        } catch (RuntimeException e) {
            for (AutoCloseable resource : owned) {
                try {
                    resource.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }
}
