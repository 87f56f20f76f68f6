package dev.baton.launcher;

import static java.util.Objects.requireNonNull;

import dev.baton.runtime.Deployment;
import dev.baton.transport.BatonServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A Page deployment serving HTTP: the started core {@link Deployment}, the Jetty server in front of it and the
 * registry {@code /metrics} shows. {@link #stop()} is the graceful shutdown (see {@link BatonServer#stop()});
 * it runs once however often it is called. Thread-safe.
 */
public final class RunningPage implements AutoCloseable {

    private final Deployment deployment;
    private final BatonServer server;
    private final PrometheusMeterRegistry registry;
    private final Warmup.Report warmup;

    RunningPage(Deployment deployment, BatonServer server, PrometheusMeterRegistry registry, Warmup.Report warmup) {
        this.deployment = requireNonNull(deployment, "deployment is null");
        this.server = requireNonNull(server, "server is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.warmup = warmup;
    }

    /** What the start-up warm-up did ({@code server.warmup}); empty when there was none or it failed. */
    public Optional<WarmupResult> warmup() {
        return Optional.ofNullable(warmup).map(report -> new WarmupResult(report.requests(), report.ok(),
                report.took()));
    }

    /** The start-up warm-up: requests answered by the throwaway copy, how many with 200, how long it took. */
    public record WarmupResult(long requests, long ok, Duration took) {}

    public Deployment deployment() {
        return deployment;
    }

    public BatonServer server() {
        return server;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** {@code http://host:port}: where {@code /webhooks/{app}} and the health paths are. */
    public URI baseUri() {
        return server.baseUri();
    }

    /** The webhook URL of hosted app {@code appName}, to register with Meta (or the emulator). */
    public URI webhookUri(String appName) {
        return URI.create(baseUri() + "/webhooks/" + appName);
    }

    /** The graceful stop; true when every accepted event was handled within the shutdown timeout. */
    public boolean stop() {
        return server.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
