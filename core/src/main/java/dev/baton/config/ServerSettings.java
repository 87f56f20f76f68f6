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
 *
 * <p>{@code warmup} is how long the launcher drives a throwaway copy of the deployment on loopback before the
 * real one starts taking webhooks, so the JIT has compiled the ingest path when the first real batch arrives
 * ({@link Duration#ZERO}: off, the default of this record; the shipped example config turns it on). The
 * launcher refuses a negative one.
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
        Duration drainPeriod,
        Duration warmup) {

    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(5);
    public static final long DEFAULT_MIN_BODY_BYTES_PER_SECOND = 1024;
    public static final Duration DEFAULT_DRAIN_PERIOD = Duration.ofSeconds(5);
    /** Off: the hundreds of deployments a test suite starts should not each pay a warm-up. */
    public static final Duration DEFAULT_WARMUP = Duration.ZERO;

    public static final ServerSettings DEFAULTS = new ServerSettings("0.0.0.0", 8080, 1_048_576, Duration.ofSeconds(10),
            Duration.ofSeconds(30), 64, Duration.ofSeconds(20), null, DEFAULT_HEADER_TIMEOUT,
            DEFAULT_MIN_BODY_BYTES_PER_SECOND, DEFAULT_DRAIN_PERIOD, DEFAULT_WARMUP);

    public ServerSettings {
        requireNonNull(host, "host is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(shutdownTimeout, "shutdownTimeout is null");
        headerTimeout = headerTimeout == null ? DEFAULT_HEADER_TIMEOUT : headerTimeout;
        drainPeriod = drainPeriod == null ? DEFAULT_DRAIN_PERIOD : drainPeriod;
        warmup = warmup == null ? DEFAULT_WARMUP : warmup;
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

    /** The settings before the header deadline, body rate, drain period and warm-up existed; those take their defaults. */
    public ServerSettings(String host, int port, long maxBodyBytes, Duration requestTimeout, Duration idleTimeout,
            int maxThreads, Duration shutdownTimeout, TlsSettings tls) {
        this(host, port, maxBodyBytes, requestTimeout, idleTimeout, maxThreads, shutdownTimeout, tls,
                DEFAULT_HEADER_TIMEOUT, DEFAULT_MIN_BODY_BYTES_PER_SECOND, DEFAULT_DRAIN_PERIOD, DEFAULT_WARMUP);
    }

    /** The settings before the warm-up existed: no warm-up. */
    public ServerSettings(String host, int port, long maxBodyBytes, Duration requestTimeout, Duration idleTimeout,
            int maxThreads, Duration shutdownTimeout, TlsSettings tls, Duration headerTimeout,
            long minBodyBytesPerSecond, Duration drainPeriod) {
        this(host, port, maxBodyBytes, requestTimeout, idleTimeout, maxThreads, shutdownTimeout, tls, headerTimeout,
                minBodyBytesPerSecond, drainPeriod, DEFAULT_WARMUP);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxBodyBytes, requestTimeout, idleTimeout, maxThreads, shutdownTimeout,
                tls, headerTimeout, minBodyBytesPerSecond, drainPeriod, warmup);
    }

    /** The same settings with another drain period ({@link Duration#ZERO} in tests and demos: stop at once). */
    public ServerSettings withDrainPeriod(Duration newDrainPeriod) {
        return new ServerSettings(host, port, maxBodyBytes, requestTimeout, idleTimeout, maxThreads, shutdownTimeout,
                tls, headerTimeout, minBodyBytesPerSecond, newDrainPeriod, warmup);
    }

    /** The same settings with another warm-up ({@link Duration#ZERO}: none). */
    public ServerSettings withWarmup(Duration newWarmup) {
        return new ServerSettings(host, port, maxBodyBytes, requestTimeout, idleTimeout, maxThreads, shutdownTimeout,
                tls, headerTimeout, minBodyBytesPerSecond, drainPeriod, newWarmup);
    }
}
