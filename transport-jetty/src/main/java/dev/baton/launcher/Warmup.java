package dev.baton.launcher;

import dev.baton.config.ConfigException;
import dev.baton.config.PageConfig;
import dev.baton.config.ServerSettings;
import dev.baton.transport.BatonServer;
import dev.baton.transport.ServerOptions;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The launcher's warm-up ({@code server.warmup}): before the real deployment takes webhooks, a throwaway
 * deployment of the same shape ({@link WarmupDeployment}) is served by a real {@link BatonServer} on
 * {@code 127.0.0.1:0} and driven by a few keep-alive connections ({@link WarmupClient}) with signed batches
 * ({@link WarmupTraffic}) for the configured time; then it is stopped, and the warm-up waits (at most half
 * that time again) for the JIT to finish the compiles the load queued. The JIT compiles methods, not objects,
 * so what it compiled for the throwaway (Jetty's request path, the webhook handler, the signature check, the
 * JSON reader, the dispatcher and its lanes) is what serves the first real request. On one core that turns
 * a start at a fraction of the steady speed into one near it (figures in docs/BENCHMARKS.md).
 *
 * <p>Nothing of the real deployment is touched: the throwaway has its own heap journal and store, its own
 * meter registry, random secrets, apps that do nothing and a recording way out to Meta; its server logs
 * nothing. Plain HTTP even when the real server has TLS (the TLS layer is the JDK's and warms on real
 * traffic). A failing warm-up is logged and the start goes on: it only costs speed.
 */
final class Warmup {

    /** The longest warm-up accepted: the JIT settles within a minute or two of load; more is a typo. */
    static final Duration MAX = Duration.ofMinutes(10);
    /**
     * Few connections, each a client thread on the server's own core: every runnable thread takes its share of
     * the core from the JIT's compiler threads, and with 16 the compiler fell so far behind that the methods of
     * the ingest path were still waiting for their optimised (C2) compile when the warm-up ended.
     */
    static final int CONNECTIONS = 4;
    /** How often the settling phase looks at the JIT's compile time, and how long it must stay still. */
    private static final Duration SETTLE_POLL = Duration.ofMillis(200);

    /** What one warm-up did. */
    record Report(long requests, long ok, long otherStatus, long ioFailures, int outboundCalls, Duration settled,
                  Duration took) {

        /** The one log line: counts and seconds, nothing else (no secret, no body). */
        String describe() {
            return String.format(Locale.ROOT,
                    "warm-up done: %,d requests (%,d answered 200, %,d other, %d I/O failures) to a throwaway copy, "
                            + "then %.1f s for the JIT to finish compiling; %.1f s in all; now starting the deployment",
                    requests, ok, otherStatus, ioFailures, settled.toNanos() / 1e9, took.toNanos() / 1e9);
        }
    }

    private Warmup() {}

    /** {@code server.warmup}, checked: empty when off. */
    static Optional<Duration> configured(ServerSettings server) {
        Duration warmup = server.warmup();
        if (warmup.isNegative()) {
            throw new ConfigException("server.warmup", "must not be negative (0s turns the warm-up off)");
        }
        if (warmup.compareTo(MAX) > 0) {
            throw new ConfigException("server.warmup", "must be at most 10m (the JIT settles within a minute or two)");
        }
        return warmup.isZero() ? Optional.empty() : Optional.of(warmup);
    }

    /**
     * Runs a warm-up of {@code config}'s shape with the real server's {@code options} for {@code duration} or
     * {@code maxRequests}, whichever ends first, and stops everything it started before returning.
     */
    static Report run(PageConfig config, ServerOptions options, Duration duration, long maxRequests) throws Exception {
        long started = System.nanoTime();
        WarmupDeployment deployment = WarmupDeployment.start(config);
        BatonServer server;
        try {
            server = BatonServer.start(deployment, throwawayOptions(options), deployment.registry());
        } catch (Exception e) {
            deployment.close();
            throw e;
        }
        WarmupClient.Counts counts;
        try {
            WarmupTraffic traffic = new WarmupTraffic(deployment);
            String host = "127.0.0.1:" + server.port();
            WarmupClient client = new WarmupClient(server.port(), CONNECTIONS,
                    options.requestTimeout().plusSeconds(5), sequence -> traffic.request(sequence, host));
            counts = client.run(started + duration.toNanos(), maxRequests);
        } finally {
            server.stopUnlogged();
        }
        Duration settled = settle(duration.dividedBy(2));
        return new Report(counts.requests(), counts.ok(), counts.otherStatus(), counts.ioFailures(),
                deployment.outboundCalls(), settled, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Waits, at most {@code limit}, until the JIT has compiled what the load queued: its total compile time
     * stays unchanged for one poll. On one core the optimising compiler lags behind the load it profiles;
     * what it has not compiled when the first real webhooks arrive, they run slower for, and it competes with
     * them for the core. Without a JIT that reports its compile time, nothing is waited for.
     */
    static Duration settle(Duration limit) throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long started = System.nanoTime();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return Duration.ZERO;
        }
        long deadline = started + limit.toNanos();
        long before = jit.getTotalCompilationTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(SETTLE_POLL.toMillis());
            long now = jit.getTotalCompilationTime();
            if (now == before) {
                break;
            }
            before = now;
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The real server's settings on {@code 127.0.0.1:0}, plain HTTP, no drain wait at the stop. */
    static ServerOptions throwawayOptions(ServerOptions options) {
        return new ServerOptions("127.0.0.1", 0, options.maxBodyBytes(), options.requestTimeout(),
                options.idleTimeout(), options.maxThreads(), options.maxQueuedRequests(), options.shutdownTimeout(),
                options.retryAfterSeconds(), Optional.empty(), options.headerTimeout(),
                options.minBodyBytesPerSecond(), Duration.ZERO);
    }
}
