package dev.baton.dispatch;

import static java.util.Objects.requireNonNull;

import dev.baton.event.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The dispatcher's meters. Tags are app names, event kinds, channels and reasons only: never a PSID, page
 * id or message content, so cardinality stays small. Meters are bound once per app and per (app, kind) and
 * kept, so counting an event is two map reads and no allocation; each meter is still registered only when it
 * is first used, so the registry shows only what happened. Thread-safe.
 *
 * <ul>
 *   <li>{@code baton.dispatch.events{app,kind,channel}}: events handed to handlers
 *   <li>{@code baton.dispatch.duplicates{app,kind}}: events dropped as already handled
 *   <li>{@code baton.dispatch.redelivered{app,kind}}: events (and timer firings, kind {@code timer}) handed
 *       over again, flagged, because a previous run was stopped while handing them over
 *   <li>{@code baton.dispatch.handler.failures{app,kind}}: callbacks that threw
 *   <li>{@code baton.dispatch.listener.failures}: dispatch listeners that threw
 *   <li>{@code baton.dispatch.admission.timeouts}: batches that waited {@code dispatch.admissionWait} for room
 *       in a full queue and were refused
 *   <li>{@code baton.dispatch.other.page.events{app}}: events for a Page this deployment does not serve, dropped
 *   <li>{@code baton.dispatch.handler.latency{app,kind}}: callback run time
 *   <li>{@code baton.dispatch.timers.fired{app}}: timers that ran
 *   <li>{@code baton.dispatch.calls.replayed{app}}: calls to Meta a redelivered callback made again and got
 *       answered from the send record, without calling Meta
 *   <li>{@code baton.dispatch.calls.diverged{app}}: redelivered callbacks whose calls stopped matching the
 *       record (a handler that depends on time or randomness); from there on their calls went to Meta
 *   <li>{@code baton.dispatch.calls.unrecorded{app}}: calls Meta answered whose outcome the store could not keep
 *   <li>{@code baton.dispatch.queue.depth}, {@code baton.dispatch.lanes.active},
 *       {@code baton.dispatch.admission.waiting}: gauges
 * </ul>
 */
final class DispatchMetrics {

    private static final Channel[] CHANNELS = Channel.values();

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, AppMeters> apps = new ConcurrentHashMap<>();
    private final Counter listenerFailures;
    private final Counter admissionTimeouts;

    DispatchMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
        this.listenerFailures = Counter.builder("baton.dispatch.listener.failures")
                .description("dispatch listeners that threw").register(registry);
        this.admissionTimeouts = Counter.builder("baton.dispatch.admission.timeouts")
                .description("batches that waited for room in a full queue and were refused (503)").register(registry);
    }

    void admissionTimedOut() {
        admissionTimeouts.increment();
    }

    void gauges(Supplier<Number> queueDepth, Supplier<Number> activeLanes, Supplier<Number> waitingBatches) {
        Gauge.builder("baton.dispatch.admission.waiting", waitingBatches)
                .description("batches waiting for room in a full queue").strongReference(true).register(registry);
        Gauge.builder("baton.dispatch.queue.depth", queueDepth).description("events accepted, not yet handled")
                .strongReference(true).register(registry);
        Gauge.builder("baton.dispatch.lanes.active", activeLanes).description("conversations with work queued")
                .strongReference(true).register(registry);
    }

    void event(String app, String kind, Channel channel) {
        kind(app, kind).events.get(channel.ordinal()).get().increment();
    }

    void duplicate(String app, String kind) {
        kind(app, kind).duplicates.get().increment();
    }

    void redelivered(String app, String kind) {
        kind(app, kind).redelivered.get().increment();
    }

    void handlerFailure(String app, String kind) {
        kind(app, kind).handlerFailures.get().increment();
    }

    void otherPage(String app) {
        app(app).otherPage.get().increment();
    }

    void listenerFailure() {
        listenerFailures.increment();
    }

    void callReplayed(String app) {
        app(app).callsReplayed.get().increment();
    }

    void callsDiverged(String app) {
        app(app).callsDiverged.get().increment();
    }

    void callUnrecorded(String app) {
        app(app).callsUnrecorded.get().increment();
    }

    void timerFired(String app) {
        app(app).timersFired.get().increment();
    }

    Timer handlerLatency(String app, String kind) {
        return kind(app, kind).latency.get();
    }

    private AppMeters app(String app) {
        AppMeters meters = apps.get(app); // the common case: a read without locking or allocation
        return meters != null ? meters : apps.computeIfAbsent(app, AppMeters::new);
    }

    private KindMeters kind(String app, String kind) {
        AppMeters appMeters = app(app);
        KindMeters meters = appMeters.kinds.get(kind);
        return meters != null ? meters : appMeters.kinds.computeIfAbsent(kind, k -> new KindMeters(app, k));
    }

    private Supplier<Counter> counter(String name, String... tags) {
        return new Bound<>(() -> Counter.builder(name).tags(tags).register(registry));
    }

    private final class AppMeters {
        final ConcurrentHashMap<String, KindMeters> kinds = new ConcurrentHashMap<>();
        final Supplier<Counter> otherPage;
        final Supplier<Counter> timersFired;
        final Supplier<Counter> callsReplayed;
        final Supplier<Counter> callsDiverged;
        final Supplier<Counter> callsUnrecorded;

        AppMeters(String app) {
            otherPage = counter("baton.dispatch.other.page.events", "app", app);
            timersFired = counter("baton.dispatch.timers.fired", "app", app);
            callsReplayed = counter("baton.dispatch.calls.replayed", "app", app);
            callsDiverged = counter("baton.dispatch.calls.diverged", "app", app);
            callsUnrecorded = counter("baton.dispatch.calls.unrecorded", "app", app);
        }
    }

    private final class KindMeters {
        final List<Supplier<Counter>> events; // by Channel.ordinal()
        final Supplier<Counter> duplicates;
        final Supplier<Counter> redelivered;
        final Supplier<Counter> handlerFailures;
        final Supplier<Timer> latency;

        KindMeters(String app, String kind) {
            List<Supplier<Counter>> byChannel = new ArrayList<>();
            for (Channel channel : CHANNELS) {
                byChannel.add(counter("baton.dispatch.events", "app", app, "kind", kind,
                        "channel", channel.name().toLowerCase(Locale.ROOT)));
            }
            events = List.copyOf(byChannel);
            duplicates = counter("baton.dispatch.duplicates", "app", app, "kind", kind);
            redelivered = counter("baton.dispatch.redelivered", "app", app, "kind", kind);
            handlerFailures = counter("baton.dispatch.handler.failures", "app", app, "kind", kind);
            latency = new Bound<>(() -> Timer.builder("baton.dispatch.handler.latency")
                    .description("time spent in app callbacks").tags("app", app, "kind", kind).register(registry));
        }
    }

    /**
     * A meter registered on first use, then kept. Two threads may both register it first: the registry hands
     * both the same meter, so the race is harmless.
     */
    private static final class Bound<M> implements Supplier<M> {
        private final Supplier<M> register;
        private volatile M meter;

        Bound(Supplier<M> register) {
            this.register = register;
        }

        @Override
        public M get() {
            M bound = meter;
            if (bound == null) {
                bound = register.get();
                meter = bound;
            }
            return bound;
        }
    }
}
