package dev.baton.dispatch;

import static java.util.Objects.requireNonNull;

import dev.baton.event.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The dispatcher's meters. Tags are app names, event kinds, channels and reasons only: never a PSID, page
 * id or message content, so cardinality stays small. Meters are cached per tag set to keep the hot path free
 * of registry look-ups.
 *
 * <ul>
 *   <li>{@code baton.dispatch.events{app,kind,channel}}: events handed to handlers
 *   <li>{@code baton.dispatch.duplicates{app,kind}}: events dropped as already handled
 *   <li>{@code baton.dispatch.redelivered{app,kind}}: events (and timer firings, kind {@code timer}) handed
 *       over again, flagged, because a previous run was stopped while handing them over
 *   <li>{@code baton.dispatch.handler.failures{app,kind}}: callbacks that threw
 *   <li>{@code baton.dispatch.listener.failures}: dispatch listeners that threw
 *   <li>{@code baton.dispatch.other.page.events{app}}: events for a Page this deployment does not serve, dropped
 *   <li>{@code baton.dispatch.handler.latency{app,kind}}: callback run time
 *   <li>{@code baton.dispatch.timers.fired{app}}: timers that ran
 *   <li>{@code baton.dispatch.queue.depth}, {@code baton.dispatch.lanes.active}: gauges
 * </ul>
 */
final class DispatchMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Counter listenerFailures;

    DispatchMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
        this.listenerFailures = Counter.builder("baton.dispatch.listener.failures")
                .description("dispatch listeners that threw").register(registry);
    }

    void gauges(Supplier<Number> queueDepth, Supplier<Number> activeLanes) {
        Gauge.builder("baton.dispatch.queue.depth", queueDepth).description("events accepted, not yet handled")
                .strongReference(true).register(registry);
        Gauge.builder("baton.dispatch.lanes.active", activeLanes).description("conversations with work queued")
                .strongReference(true).register(registry);
    }

    void event(String app, String kind, Channel channel) {
        counter("baton.dispatch.events", "app", app, "kind", kind, "channel",
                channel.name().toLowerCase(Locale.ROOT)).increment();
    }

    void duplicate(String app, String kind) {
        counter("baton.dispatch.duplicates", "app", app, "kind", kind).increment();
    }

    void redelivered(String app, String kind) {
        counter("baton.dispatch.redelivered", "app", app, "kind", kind).increment();
    }

    void handlerFailure(String app, String kind) {
        counter("baton.dispatch.handler.failures", "app", app, "kind", kind).increment();
    }

    void otherPage(String app) {
        counter("baton.dispatch.other.page.events", "app", app).increment();
    }

    void listenerFailure() {
        listenerFailures.increment();
    }

    void timerFired(String app) {
        counter("baton.dispatch.timers.fired", "app", app).increment();
    }

    Timer handlerLatency(String app, String kind) {
        return timers.computeIfAbsent(app + '\n' + kind, ignored -> Timer.builder("baton.dispatch.handler.latency")
                .description("time spent in app callbacks").tags("app", app, "kind", kind).register(registry));
    }

    private Counter counter(String name, String... tags) {
        StringBuilder id = new StringBuilder(name);
        for (String tag : tags) {
            id.append('\n').append(tag);
        }
        return counters.computeIfAbsent(id.toString(), ignored -> Counter.builder(name).tags(tags).register(registry));
    }
}
