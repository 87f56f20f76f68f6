package dev.baton.runtime;

import static java.util.Objects.requireNonNull;

import dev.baton.config.PageConfig;
import dev.baton.config.StoreSettings;
import dev.baton.config.StoreType;
import dev.baton.dispatch.DispatchListener;
import dev.baton.dispatch.OutboundFactory;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.EventJournal;
import dev.baton.store.memory.InMemoryConversationStore;
import dev.baton.store.memory.InMemoryEventJournal;
import dev.baton.store.sqlite.SqliteStores;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles a {@link Deployment}. Required: the config and the way out to Meta ({@link #outbound}). Defaults:
 * plugins from the class path, journal and store from {@code store:} in the config (SQLite file or memory;
 * the deployment then owns and closes them), the system UTC clock, a registry must be given.
 */
public final class DeploymentBuilder {

    final PageConfig config;
    final List<DispatchListener> listeners = new ArrayList<>();
    OutboundSetup outboundSetup;
    PluginRegistry plugins;
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
            StoreSettings settings = config.store();
            if (settings.type() == StoreType.MEMORY) {
                eventJournal = new InMemoryEventJournal();
                conversationStore = new InMemoryConversationStore(settings.dedupeCapacity());
                owned.add(eventJournal);
                owned.add(conversationStore);
            } else {
                SqliteStores stores = SqliteStores.open(prepare(settings.path()), SqliteStores.Settings.defaults()
                        .withRetention(settings.retention()).withDedupeCapacity(settings.dedupeCapacity()), registry,
                        clock);
                owned.add(stores);
                eventJournal = stores.journal();
                conversationStore = stores.store();
            }
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
