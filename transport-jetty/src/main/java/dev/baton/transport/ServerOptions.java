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
 * @param headerTimeout      the most a request's header block may take from its first byte; past it the
 *                           connection is closed (the idle timeout never fires while bytes trickle in)
 * @param minBodyBytesPerSecond a body arriving slower than this on average gets 408 at once; 0 turns the check off
 * @param drainPeriod        on a graceful stop, how long {@code /health/ready} answers 503 while requests are
 *                           still served, before the listener closes (a load balancer's time to take it out)
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
        Optional<TlsOptions> tls,
        Duration headerTimeout,
        long minBodyBytesPerSecond,
        Duration drainPeriod) {

    public static final ServerOptions DEFAULTS = new ServerOptions("0.0.0.0", 8080, 1024 * 1024,
            Duration.ofSeconds(10), Duration.ofSeconds(30), 64, 1024, Duration.ofSeconds(20), 1, Optional.empty(),
            Duration.ofSeconds(5), 1024, Duration.ofSeconds(5));

    public ServerOptions {
        requireNonNull(host, "host is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(shutdownTimeout, "shutdownTimeout is null");
        requireNonNull(tls, "tls is null");
        requireNonNull(headerTimeout, "headerTimeout is null");
        requireNonNull(drainPeriod, "drainPeriod is null");
        check(port >= 0 && port <= 65535, "port must be 0..65535");
        check(maxBodyBytes > 0, "maxBodyBytes must be positive");
        check(maxThreads >= 4, "maxThreads must be at least 4");
        check(maxQueuedRequests > 0, "maxQueuedRequests must be positive");
        check(retryAfterSeconds > 0, "retryAfterSeconds must be positive");
        check(!requestTimeout.isNegative() && !requestTimeout.isZero(), "requestTimeout must be positive");
        check(!idleTimeout.isNegative() && !idleTimeout.isZero(), "idleTimeout must be positive");
        check(!shutdownTimeout.isNegative(), "shutdownTimeout must not be negative");
        check(!headerTimeout.isNegative() && !headerTimeout.isZero(), "headerTimeout must be positive");
        check(minBodyBytesPerSecond >= 0, "minBodyBytesPerSecond must not be negative");
        check(!drainPeriod.isNegative(), "drainPeriod must not be negative");
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Loopback on an OS-chosen port, stopping without a drain period: what tests and the demo use. */
    public static ServerOptions loopback() {
        return DEFAULTS.withHost("127.0.0.1").withPort(0).withDrainPeriod(Duration.ZERO);
    }

    public ServerOptions withHost(String newHost) {
        return new ServerOptions(newHost, port, maxBodyBytes, requestTimeout, idleTimeout, maxThreads,
                maxQueuedRequests, shutdownTimeout, retryAfterSeconds, tls,
                headerTimeout, minBodyBytesPerSecond, drainPeriod);
    }

    public ServerOptions withPort(int newPort) {
        return new ServerOptions(host, newPort, maxBodyBytes, requestTimeout, idleTimeout, maxThreads,
                maxQueuedRequests, shutdownTimeout, retryAfterSeconds, tls,
                headerTimeout, minBodyBytesPerSecond, drainPeriod);
    }

    public ServerOptions withMaxBodyBytes(int newMaxBodyBytes) {
        return new ServerOptions(host, port, newMaxBodyBytes, requestTimeout, idleTimeout, maxThreads,
                maxQueuedRequests, shutdownTimeout, retryAfterSeconds, tls,
                headerTimeout, minBodyBytesPerSecond, drainPeriod);
    }

    public ServerOptions withTimeouts(Duration newRequestTimeout, Duration newIdleTimeout) {
        return new ServerOptions(host, port, maxBodyBytes, newRequestTimeout, newIdleTimeout, maxThreads,
                maxQueuedRequests, shutdownTimeout, retryAfterSeconds, tls,
                headerTimeout, minBodyBytesPerSecond, drainPeriod);
    }

    public ServerOptions withThreads(int newMaxThreads, int newMaxQueuedRequests) {
        return new ServerOptions(host, port, maxBodyBytes, requestTimeout, idleTimeout, newMaxThreads,
                newMaxQueuedRequests, shutdownTimeout, retryAfterSeconds, tls,
                headerTimeout, minBodyBytesPerSecond, drainPeriod);
    }

    public ServerOptions withShutdownTimeout(Duration newShutdownTimeout) {
        return new ServerOptions(host, port, maxBodyBytes, requestTimeout, idleTimeout, maxThreads,
                maxQueuedRequests, newShutdownTimeout, retryAfterSeconds, tls,
                headerTimeout, minBodyBytesPerSecond, drainPeriod);
    }

    public ServerOptions withTls(TlsOptions newTls) {
        return new ServerOptions(host, port, maxBodyBytes, requestTimeout, idleTimeout, maxThreads,
                maxQueuedRequests, shutdownTimeout, retryAfterSeconds, Optional.of(newTls),
                headerTimeout, minBodyBytesPerSecond, drainPeriod);
    }

    public ServerOptions withHeaderTimeout(Duration newHeaderTimeout) {
        return new ServerOptions(host, port, maxBodyBytes, requestTimeout, idleTimeout, maxThreads,
                maxQueuedRequests, shutdownTimeout, retryAfterSeconds, tls, newHeaderTimeout, minBodyBytesPerSecond,
                drainPeriod);
    }

    public ServerOptions withMinBodyBytesPerSecond(long newMinBodyBytesPerSecond) {
        return new ServerOptions(host, port, maxBodyBytes, requestTimeout, idleTimeout, maxThreads,
                maxQueuedRequests, shutdownTimeout, retryAfterSeconds, tls, headerTimeout, newMinBodyBytesPerSecond,
                drainPeriod);
    }

    public ServerOptions withDrainPeriod(Duration newDrainPeriod) {
        return new ServerOptions(host, port, maxBodyBytes, requestTimeout, idleTimeout, maxThreads,
                maxQueuedRequests, shutdownTimeout, retryAfterSeconds, tls, headerTimeout, minBodyBytesPerSecond,
                newDrainPeriod);
    }
}
