package dev.baton.transport;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How the Jetty server listens and protects itself. Every field has a default ({@link #DEFAULTS}).
 *
 * @param host               interface to bind ({@code 0.0.0.0} for every one)
 * @param port               TCP port; 0 lets the operating system choose (tests)
 * @param maxBodyBytes       largest webhook body accepted; larger gets 413 (Content-Length and chunked)
 * @param requestTimeout     the most one webhook request may take from its headers to its answer
 * @param idleTimeout        how long a connection may stay silent (also bounds a stalled body read)
 * @param maxThreads         size of the bounded request thread pool
 * @param maxQueuedRequests  jobs allowed to wait for a pool thread, and the most webhook requests in flight;
 *                           beyond that the server answers 503 with Retry-After instead of buffering
 * @param shutdownTimeout    how long a graceful stop waits for in-flight requests and then for lanes to drain
 * @param retryAfterSeconds  the Retry-After the transport itself gives when it is overloaded
 * @param tls                a keystore to serve HTTPS, or empty for plain HTTP (TLS ends at a proxy)
 */
public record ServerOptions(
        String host,
        int port,
        int maxBodyBytes,
        Duration requestTimeout,
        Duration idleTimeout,
        int maxThreads,
        int maxQueuedRequests,
        Duration shutdownTimeout,
        int retryAfterSeconds,
        Optional<TlsOptions> tls) {

    public static final ServerOptions DEFAULTS = new ServerOptions("0.0.0.0", 8080, 1024 * 1024,
            Duration.ofSeconds(10), Duration.ofSeconds(30), 64, 1024, Duration.ofSeconds(20), 1, Optional.empty());

    public ServerOptions {
        requireNonNull(host, "host is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(shutdownTimeout, "shutdownTimeout is null");
        requireNonNull(tls, "tls is null");
        check(port >= 0 && port <= 65535, "port must be 0..65535");
        check(maxBodyBytes > 0, "maxBodyBytes must be positive");
        check(maxThreads >= 4, "maxThreads must be at least 4");
        check(maxQueuedRequests > 0, "maxQueuedRequests must be positive");
        check(retryAfterSeconds > 0, "retryAfterSeconds must be positive");
        check(!requestTimeout.isNegative() && !requestTimeout.isZero(), "requestTimeout must be positive");
        check(!idleTimeout.isNegative() && !idleTimeout.isZero(), "idleTimeout must be positive");
        check(!shutdownTimeout.isNegative(), "shutdownTimeout must not be negative");
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Loopback on an OS-chosen port: what tests and the demo use. */
    public static ServerOptions loopback() {
        return DEFAULTS.withHost("127.0.0.1").withPort(0);
    }

    public ServerOptions withHost(String newHost) {
        return new ServerOptions(newHost, port, maxBodyBytes, requestTimeout, idleTimeout, maxThreads,
                maxQueuedRequests, shutdownTimeout, retryAfterSeconds, tls);
    }

    public ServerOptions withPort(int newPort) {
        return new ServerOptions(host, newPort, maxBodyBytes, requestTimeout, idleTimeout, maxThreads,
                maxQueuedRequests, shutdownTimeout, retryAfterSeconds, tls);
    }

    public ServerOptions withMaxBodyBytes(int newMaxBodyBytes) {
        return new ServerOptions(host, port, newMaxBodyBytes, requestTimeout, idleTimeout, maxThreads,
                maxQueuedRequests, shutdownTimeout, retryAfterSeconds, tls);
    }

    public ServerOptions withTimeouts(Duration newRequestTimeout, Duration newIdleTimeout) {
        return new ServerOptions(host, port, maxBodyBytes, newRequestTimeout, newIdleTimeout, maxThreads,
                maxQueuedRequests, shutdownTimeout, retryAfterSeconds, tls);
    }

    public ServerOptions withThreads(int newMaxThreads, int newMaxQueuedRequests) {
        return new ServerOptions(host, port, maxBodyBytes, requestTimeout, idleTimeout, newMaxThreads,
                newMaxQueuedRequests, shutdownTimeout, retryAfterSeconds, tls);
    }

    public ServerOptions withShutdownTimeout(Duration newShutdownTimeout) {
        return new ServerOptions(host, port, maxBodyBytes, requestTimeout, idleTimeout, maxThreads,
                maxQueuedRequests, newShutdownTimeout, retryAfterSeconds, tls);
    }

    public ServerOptions withTls(TlsOptions newTls) {
        return new ServerOptions(host, port, maxBodyBytes, requestTimeout, idleTimeout, maxThreads,
                maxQueuedRequests, shutdownTimeout, retryAfterSeconds, Optional.of(newTls));
    }
}
