package dev.baton.transport;

import java.time.Duration;
import java.util.Optional;

/**
 * What the server hosts: the webhook endpoint plus the life cycle it must respect. The server asks
 * {@link #ready()} for {@code /health/ready}, and on shutdown calls {@link #drain} then {@link #close}, once each,
 * after it stopped taking requests.
 */
public interface HostedDeployment extends AutoCloseable {

    WebhookEndpoint endpoint();

    /** The HTTP endpoint {@code appName} serves under {@code /apps/{app-name}/}, if it offers one. */
    default Optional<AppEndpointRoute> appEndpoint(String appName) {
        return Optional.empty();
    }

    /** True once every app is loaded, the journal is open and replay is done. Thread-safe and cheap. */
    boolean ready();

    /** Stops taking batches and waits up to {@code timeout} for every accepted event to be handled. */
    void drain(Duration timeout);

    /** Releases everything (closes the journal and store). */
    @Override
    void close();
}
