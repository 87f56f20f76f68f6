package dev.baton.dispatch;

import static java.util.Objects.requireNonNull;

import dev.baton.config.DispatchSettings;
import dev.baton.event.Platform;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.EventJournal;
import dev.baton.spi.WorkSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Assembles a {@link Dispatcher}. Journal, store and registry are required; the rest has defaults. */
public final class DispatcherBuilder {

    final List<DispatchTarget> targets = new ArrayList<>();
    final List<DispatchListener> listeners = new ArrayList<>();
    EventJournal journal;
    ConversationStore store;
    WorkSource workSource;
    MeterRegistry registry;
    Clock clock = Clock.systemUTC();
    DispatchSettings settings = DispatchSettings.DEFAULTS;
    Platform platform = Platform.MESSENGER;
    String pageId;

    DispatcherBuilder() {}

    public DispatcherBuilder target(DispatchTarget target) {
        targets.add(requireNonNull(target, "target is null"));
        return this;
    }

    public DispatcherBuilder targets(List<DispatchTarget> newTargets) {
        newTargets.forEach(this::target);
        return this;
    }

    /** Told of each event before its callback, in registration order. */
    public DispatcherBuilder listener(DispatchListener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
        return this;
    }

    public DispatcherBuilder listeners(List<DispatchListener> newListeners) {
        newListeners.forEach(this::listener);
        return this;
    }

    public DispatcherBuilder journal(EventJournal newJournal) {
        this.journal = requireNonNull(newJournal, "journal is null");
        return this;
    }

    /**
     * The work source of a store shared by several instances; by default the journal's, when it implements
     * {@link WorkSource}. Null keeps the single-instance path (ingest hands events straight to the lanes).
     */
    public DispatcherBuilder workSource(WorkSource newSource) {
        this.workSource = newSource;
        return this;
    }

    public DispatcherBuilder store(ConversationStore newStore) {
        this.store = requireNonNull(newStore, "store is null");
        return this;
    }

    public DispatcherBuilder registry(MeterRegistry newRegistry) {
        this.registry = requireNonNull(newRegistry, "registry is null");
        return this;
    }

    public DispatcherBuilder clock(Clock newClock) {
        this.clock = requireNonNull(newClock, "clock is null");
        return this;
    }

    public DispatcherBuilder settings(DispatchSettings newSettings) {
        this.settings = requireNonNull(newSettings, "settings is null");
        return this;
    }

    /** The Page's platform, given to timer callbacks' conversations (events carry their own). */
    public DispatcherBuilder platform(Platform newPlatform) {
        this.platform = requireNonNull(newPlatform, "platform is null");
        return this;
    }

    /**
     * The Page this deployment serves. When set, events of entries for another Page (a Meta app subscribed
     * to several Pages delivers them all to one endpoint) are dropped, counted and logged, never handled
     * as this Page's. Unset: every page is handled (tests).
     */
    public DispatcherBuilder pageId(String newPageId) {
        this.pageId = requireNonNull(newPageId, "pageId is null");
        return this;
    }

    public Dispatcher build() {
        Set<String> names = new HashSet<>();
        for (DispatchTarget target : targets) {
            if (!names.add(target.name())) {
                throw new IllegalArgumentException("two dispatch targets are named " + target.name());
            }
        }
        return new Dispatcher(this);
    }
}
