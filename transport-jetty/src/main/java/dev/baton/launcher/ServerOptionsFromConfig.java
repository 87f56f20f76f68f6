package dev.baton.launcher;

import dev.baton.config.ConfigException;
import dev.baton.config.ServerSettings;
import dev.baton.transport.ServerOptions;
import dev.baton.transport.TlsOptions;
import java.nio.file.Files;
import java.util.Optional;

/** Maps the config's {@code server:} section onto the Jetty server's options, naming the key on a bad value. */
final class ServerOptionsFromConfig {

    private ServerOptionsFromConfig() {}

    static ServerOptions map(ServerSettings server) {
        if (server.maxBodyBytes() > Integer.MAX_VALUE - 8) {
            throw new ConfigException("server.maxBodyBytes", "must be at most " + (Integer.MAX_VALUE - 8));
        }
        if (server.maxThreads() < 4) {
            throw new ConfigException("server.maxThreads", "must be at least 4 (Jetty needs an acceptor and a selector)");
        }
        if (server.requestTimeout().isZero() || server.requestTimeout().isNegative()) {
            throw new ConfigException("server.requestTimeout", "must be positive");
        }
        if (server.idleTimeout().isZero() || server.idleTimeout().isNegative()) {
            throw new ConfigException("server.idleTimeout", "must be positive");
        }
        if (server.shutdownTimeout().isNegative()) {
            throw new ConfigException("server.shutdownTimeout", "must not be negative");
        }
        if (server.headerTimeout().isZero() || server.headerTimeout().isNegative()) {
            throw new ConfigException("server.headerTimeout", "must be positive");
        }
        if (server.minBodyBytesPerSecond() < 0) {
            throw new ConfigException("server.minBodyBytesPerSecond", "must not be negative (0 turns the check off)");
        }
        if (server.drainPeriod().isNegative()) {
            throw new ConfigException("server.drainPeriod", "must not be negative");
        }
        Optional<TlsOptions> tls = Optional.empty();
        if (server.tls() != null) {
            if (!Files.isReadable(server.tls().keystore())) {
                throw new ConfigException("server.tls.keystore", "no readable file at " + server.tls().keystore());
            }
            tls = Optional.of(new TlsOptions(server.tls().keystore(), server.tls().keystorePassword()));
        }
        ServerOptions defaults = ServerOptions.DEFAULTS;
        return new ServerOptions(server.host(), server.port(), (int) server.maxBodyBytes(), server.requestTimeout(),
                server.idleTimeout(), server.maxThreads(), defaults.maxQueuedRequests(), server.shutdownTimeout(),
                defaults.retryAfterSeconds(), tls, server.headerTimeout(), server.minBodyBytesPerSecond(),
                server.drainPeriod());
    }
}
