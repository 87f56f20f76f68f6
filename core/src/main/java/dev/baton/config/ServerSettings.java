package dev.baton.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The {@code server:} section, read by the HTTP transport. {@code tls} is null for plain HTTP (TLS ended by
 * a proxy in front). {@code port} 0 lets the OS choose (tests).
 */
public record ServerSettings(
        String host,
        int port,
        long maxBodyBytes,
        Duration requestTimeout,
        Duration idleTimeout,
        int maxThreads,
        Duration shutdownTimeout,
        TlsSettings tls) {

    public static final ServerSettings DEFAULTS = new ServerSettings("0.0.0.0", 8080, 1_048_576, Duration.ofSeconds(10),
            Duration.ofSeconds(30), 64, Duration.ofSeconds(20), null);

    public ServerSettings {
        requireNonNull(host, "host is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(shutdownTimeout, "shutdownTimeout is null");
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

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxBodyBytes, requestTimeout, idleTimeout, maxThreads, shutdownTimeout,
                tls);
    }
}
