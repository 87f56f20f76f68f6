package dev.baton.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The {@code server:} section, read by the HTTP transport. {@code tls} is null for plain HTTP (TLS ended by
 * a proxy in front). {@code port} 0 lets the OS choose (tests).
 *
 * <p>{@code headerTimeout} bounds a request's header block from its first byte, {@code minBodyBytesPerSecond}
 * (0: no check) cuts off a body trickling slower than that, {@code drainPeriod} is how long {@code /health/ready}
 * answers 503 on a graceful stop before the listener closes (the load balancer's time to take the instance out).
 */
public record ServerSettings(
        String host,
        int port,
        long maxBodyBytes,
        Duration requestTimeout,
        Duration idleTimeout,
        int maxThreads,
        Duration shutdownTimeout,
        TlsSettings tls,
        Duration headerTimeout,
        long minBodyBytesPerSecond,
        Duration drainPeriod) {

    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(5);
    public static final long DEFAULT_MIN_BODY_BYTES_PER_SECOND = 1024;
    public static final Duration DEFAULT_DRAIN_PERIOD = Duration.ofSeconds(5);

    public static final ServerSettings DEFAULTS = new ServerSettings("0.0.0.0", 8080, 1_048_576, Duration.ofSeconds(10),
            Duration.ofSeconds(30), 64, Duration.ofSeconds(20), null, DEFAULT_HEADER_TIMEOUT,
            DEFAULT_MIN_BODY_BYTES_PER_SECOND, DEFAULT_DRAIN_PERIOD);

    public ServerSettings {
        requireNonNull(host, "host is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(shutdownTimeout, "shutdownTimeout is null");
        headerTimeout = headerTimeout == null ? DEFAULT_HEADER_TIMEOUT : headerTimeout;
        drainPeriod = drainPeriod == null ? DEFAULT_DRAIN_PERIOD : drainPeriod;
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
        if (maxThreads < 2) {
            throw new IllegalArgumentException("maxThreads must be at least 2: " + maxThreads);
        }
    }

    /** The settings before the header deadline, body rate and drain period existed; those take their defaults. */
    public ServerSettings(String host, int port, long maxBodyBytes, Duration requestTimeout, Duration idleTimeout,
            int maxThreads, Duration shutdownTimeout, TlsSettings tls) {
        this(host, port, maxBodyBytes, requestTimeout, idleTimeout, maxThreads, shutdownTimeout, tls,
                DEFAULT_HEADER_TIMEOUT, DEFAULT_MIN_BODY_BYTES_PER_SECOND, DEFAULT_DRAIN_PERIOD);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxBodyBytes, requestTimeout, idleTimeout, maxThreads, shutdownTimeout,
                tls, headerTimeout, minBodyBytesPerSecond, drainPeriod);
    }

    /** The same settings with another drain period ({@link Duration#ZERO} in tests and demos: stop at once). */
    public ServerSettings withDrainPeriod(Duration newDrainPeriod) {
        return new ServerSettings(host, port, maxBodyBytes, requestTimeout, idleTimeout, maxThreads, shutdownTimeout,
                tls, headerTimeout, minBodyBytesPerSecond, newDrainPeriod);
    }
}
