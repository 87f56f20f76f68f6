package dev.baton.transport;

import dev.baton.server.HostedDeployment;
import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty 12 server hosting one deployment: {@code /webhooks/{app}}, {@code /apps/{app}/...} (an app's own
 * endpoint, when it has one), {@code /health/live}, {@code /health/ready}, {@code /metrics}. Handlers chain graceful shutdown, then statistics, then the paths.
 *
 * <p>{@link #stop()} is the graceful shutdown: stop accepting, answer in-flight requests, drain the
 * deployment's lanes, close the deployment (and so its journal), all within {@code shutdownTimeout}.
 * Thread-safe; {@link #stop()} runs once however often it is called.
 */
public final class BatonServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatonServer.class);

    private final HostedDeployment deployment;
    private final ServerOptions options;
    private final Server server;
    private final ServerConnector connector;
    private final HeaderDeadline headerDeadline;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private int port;

    private BatonServer(HostedDeployment deployment, ServerOptions options, PrometheusMeterRegistry registry) {
        this.deployment = requireNonNull(deployment, "deployment is null");
        this.options = requireNonNull(options, "options is null");
        requireNonNull(registry, "registry is null");
        // Bounded threads; the job queue stays Jetty's unbounded default (Jetty warns that rejecting its own jobs
        // breaks connections). Webhook back-pressure is the in-flight limit in WebhookHandler instead.
        QueuedThreadPool pool = new QueuedThreadPool(options.maxThreads(), Math.min(8, options.maxThreads()), 60_000);
        pool.setName("baton-http");
        server = new Server(pool);
        server.setErrorHandler(new QuietErrorHandler());
        server.setStopTimeout(options.shutdownTimeout().toMillis());
        server.setStopAtShutdown(false); // the launcher's hook runs the whole sequence, Jetty's alone would skip the drain
        connector = Connectors.create(server, options);
        server.addConnector(connector);
        headerDeadline = new HeaderDeadline(options.headerTimeout(), server.getScheduler(),
                JettyMeters.headerTimeouts(registry));
        server.addBean(headerDeadline);
        connector.addEventListener(headerDeadline);
        Counter lateBodies = JettyMeters.lateBodies(registry);
        Handler paths = new Handler.Sequence(
                new WebhookHandler(deployment.endpoint(), options, lateBodies::increment),
                new AppEndpointHandler(deployment, options),
                new HealthHandler(this::ready),
                new MetricsHandler(registry),
                new NotFoundHandler());
        // Jetty's own rate check (reads fail with a TimeoutException, answered 408) for bodies that trickle.
        Handler rated = options.minBodyBytesPerSecond() > 0
                ? new MinimumDataRateHandler(paths, options.minBodyBytesPerSecond(), 0)
                : paths;
        StatisticsHandler statistics = new StatisticsHandler(headerDeadline.wrap(rated));
        server.setHandler(new GracefulHandler(statistics));
        JettyMeters.bind(server, pool, statistics, registry);
    }

    /** Builds and starts the server; fails (and releases the port) when it cannot listen. */
    public static BatonServer start(HostedDeployment deployment, ServerOptions options, PrometheusMeterRegistry registry)
            throws Exception {
        BatonServer batonServer = new BatonServer(deployment, options, registry);
        try {
            batonServer.server.start();
            batonServer.port = batonServer.connector.getLocalPort();
        } catch (Exception e) {
            batonServer.server.stop();
            throw e;
        }
        return batonServer;
    }

    /**
     * How Jetty may run a request: non-blocking, so that it runs on the thread that read it (see
     * {@link WebhookHandler}). A handler added without saying so would quietly make it blocking.
     */
    org.eclipse.jetty.util.thread.Invocable.InvocationType invocationType() {
        return server.getHandler().getInvocationType();
    }

    /** The port listened on (the OS's choice when the options said 0). */
    public int port() {
        return port;
    }

    /** {@code http://host:port} (or https), with a loopback host when bound to every interface. */
    public URI baseUri() {
        String host = options.host().equals("0.0.0.0") ? "127.0.0.1" : options.host();
        return URI.create((options.tls().isPresent() ? "https" : "http") + "://" + host + ":" + port());
    }

    /** What {@code /health/ready} answers: the deployment is ready and no stop has begun. */
    public boolean ready() {
        return !stopping.get() && deployment.ready();
    }

    /**
     * Graceful shutdown. {@code /health/ready} answers 503 at once while everything else is still served, for the
     * drain period (a load balancer's health check takes the instance out meanwhile); then Jetty stops accepting
     * and waits for in-flight requests (up to the shutdown timeout), then the deployment drains its lanes with what
     * is left of the timeout, then it is closed.
     *
     * @return true when every accepted event was handled in time; false when the stop timed out (the events left
     *     stay in the journal for the next start), or when another caller ran the stop
     */
    public boolean stop() {
        return stop(true);
    }

    /**
     * {@link #stop()} without its log lines: for a throwaway server (the launcher's warm-up), whose stop would
     * otherwise tell the operator that the Page stopped while it is starting. A failure of Jetty's own stop is
     * still logged; a timed-out drain is only the answer (the caller says what it means for its deployment).
     */
    public boolean stopUnlogged() {
        return stop(false);
    }

    private boolean stop(boolean logged) {
        if (!stopping.compareAndSet(false, true)) {
            return false;
        }
        boolean interrupted = waitOutDrainPeriod(logged);
        long deadline = System.nanoTime() + options.shutdownTimeout().toNanos();
        boolean clean = true;
        try {
            server.stop();
        } catch (Exception e) {
            clean = false;
            LOG.warn("HTTP server did not stop cleanly", e);
        }
        try {
            clean &= deployment.drain(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } finally {
            deployment.close();
        }
        if (logged && clean) {
            LOG.info("stopped");
        } else if (logged) {
            LOG.warn("stopped after the shutdown timeout; unhandled events stay in the journal for the next start");
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return clean;
    }

    /** True when interrupted: the drain period ends early, the rest of the stop still runs (flag restored after). */
    private boolean waitOutDrainPeriod(boolean logged) {
        if (options.drainPeriod().isZero()) {
            return false;
        }
        if (logged) {
            LOG.info("draining: /health/ready answers 503 for {} before the listener closes", options.drainPeriod());
        }
        try {
            Thread.sleep(options.drainPeriod().toMillis());
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
