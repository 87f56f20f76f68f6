package dev.baton.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import java.util.function.ToDoubleFunction;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Binds Jetty's own numbers to the registry: Micrometer's thread-pool and connection binders (they work
 * with Jetty 12: the Jetty types they use kept their signatures, a test scrapes them) plus the statistics
 * handler's request and response counts.
 */
final class JettyMeters {

    private JettyMeters() {}

    /** Call after the connectors are added and before the server starts. */
    static void bind(Server server, QueuedThreadPool pool, StatisticsHandler statistics, MeterRegistry registry) {
        new JettyServerThreadPoolMetrics(pool, Tags.empty()).bindTo(registry);
        JettyConnectionMetrics.addToAllConnectors(server, registry);
        Gauge.builder("baton.http.requests.active", statistics, StatisticsHandler::getRequestsActive)
                .description("HTTP requests being handled now")
                .register(registry);
        responses(registry, statistics, "2xx", StatisticsHandler::getResponses2xx);
        responses(registry, statistics, "4xx", StatisticsHandler::getResponses4xx);
        responses(registry, statistics, "5xx", StatisticsHandler::getResponses5xx);
    }

    private static void responses(MeterRegistry registry, StatisticsHandler statistics, String statusClass,
            ToDoubleFunction<StatisticsHandler> count) {
        FunctionCounter.builder("baton.http.responses", statistics, count)
                .description("HTTP responses by status class, every path")
                .tag("status", statusClass)
                .register(registry);
    }

    /** Connections closed because their request headers did not arrive within the header timeout. */
    static Counter headerTimeouts(MeterRegistry registry) {
        return Counter.builder("baton.http.header.timeouts")
                .description("connections closed because a request's headers did not arrive in time")
                .register(registry);
    }

    /** Requests whose body kept arriving after they had been answered (408, 503); the rest is discarded. */
    static Counter lateBodies(MeterRegistry registry) {
        return Counter.builder("baton.http.late.bodies")
                .description("requests whose body kept arriving after their answer")
                .register(registry);
    }
}
