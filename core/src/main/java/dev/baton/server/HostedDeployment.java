package dev.baton.server;

import java.time.Duration;
import java.util.Optional;

/**
 * What a transport hosts: the webhook endpoint, the apps' own HTTP endpoints, and the life cycle it must
 * respect. A server asks {@link #ready()} for its readiness check, and on shutdown calls {@link #drain} then
 * {@link #close}, once each, after it stopped taking requests. The core {@code Deployment} implements it, so
 * a transport (Jetty, another HTTP server, a serverless function) needs nothing else from Baton.
 */
public interface HostedDeployment extends AutoCloseable {

    WebhookEndpoint endpoint();

    /** The HTTP endpoint {@code appName} serves under {@code /apps/{app-name}/}, if it offers one. */
    default Optional<AppEndpointRoute> appRoute(String appName) {
        return Optional.empty();
    }

    /** True once every app is loaded, the journal is open and replay is done. Thread-safe and cheap. */
    boolean ready();

    /** Stops taking batches and waits up to {@code timeout} for every accepted event to be handled; true if all were. */
    boolean drain(Duration timeout);

    /** Releases everything (closes the journal and store). */
    @Override
    void close();
}
