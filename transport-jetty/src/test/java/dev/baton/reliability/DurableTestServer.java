package dev.baton.reliability;

import dev.baton.dispatch.DispatchTarget;
import dev.baton.dispatch.Dispatcher;
import dev.baton.ingest.IngestApp;
import dev.baton.ingest.WebhookIngest;
import dev.baton.spi.AppRole;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;
import dev.baton.store.sqlite.SqliteStores;
import dev.baton.testing.RecordingOutbound;
import dev.baton.transport.BatonServer;
import dev.baton.server.HostedDeployment;
import dev.baton.transport.ServerOptions;
import dev.baton.server.WebhookEndpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The real Jetty server over the real ingest, dispatcher and SQLite stores, hosting one app {@code fuzz}
 * whose handler does nothing: what the fuzz suite attacks. The adapter from {@code WebhookIngest} to the
 * server's {@code WebhookEndpoint} is the plain mapping of status, message and Retry-After.
 */
public final class DurableTestServer implements HostedDeployment {

    public static final String APP = "fuzz";
    public static final String SECRET = IngestFuzzTest.SECRET;
    public static final String VERIFY_TOKEN = "fuzz-verify-token-77c1";

    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final SqliteStores stores;
    public final Dispatcher dispatcher;
    private final WebhookIngest ingest;
    private final BatonServer server;

    public DurableTestServer(Path dir, ServerOptions options) throws Exception {
        stores = SqliteStores.open(dir.resolve("baton.db"), SqliteStores.Settings.defaults(), registry,
                Clock.systemUTC());
        dispatcher = Dispatcher.builder()
                .target(new DispatchTarget(new HostedApp(APP, "111", AppRole.CUSTOM), new ConversationApp() {},
                        new RecordingOutbound()))
                .journal(stores.journal()).store(stores.store()).registry(registry).build();
        dispatcher.start();
        ingest = new WebhookIngest(List.of(new IngestApp(APP, SECRET, VERIFY_TOKEN)), dispatcher,
                Clock.systemUTC(), registry, 1);
        server = BatonServer.start(this, options, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public URI webhookUri() {
        return server.baseUri().resolve("/webhooks/" + APP);
    }

    public URI uri(String path) {
        return server.baseUri().resolve(path);
    }

    public int port() {
        return server.port();
    }

    public double journaledBatches() {
        return registry.get("baton.journal.appends").tag("result", "stored").counter().count();
    }

    @Override
    public WebhookEndpoint endpoint() {
        return ingest;
    }

    @Override
    public boolean ready() {
        return dispatcher.isAccepting();
    }

    @Override
    public boolean drain(Duration timeout) {
        return dispatcher.drain(timeout);
    }

    /** The graceful shutdown, as the launcher does it: the server stops, drains, then {@link #close}s. */
    public void stop() {
        server.stop();
    }

    /** Called once by the server at the end of its shutdown. */
    @Override
    public void close() {
        dispatcher.close();
        stores.close();
    }
}
