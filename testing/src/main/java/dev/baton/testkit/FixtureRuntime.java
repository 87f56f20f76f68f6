package dev.baton.testkit;

import dev.baton.config.AppConfig;
import dev.baton.config.PageConfig;
import dev.baton.config.PageSettings;
import dev.baton.config.StoreSettings;
import dev.baton.event.Platform;
import dev.baton.config.GraphSettings;
import dev.baton.spi.AppPlugin;
import dev.baton.runtime.Deployment;
import dev.baton.runtime.PluginRegistry;
import dev.baton.transport.BatonServer;
import dev.baton.transport.ServerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The deployment side of a {@link PageFixture}, assembled the way the Page launcher assembles production: the
 * config, plugins from the class path (plus any given), the Graph client pointed at the emulator (through the
 * recorder), in-memory journal and store, the emulator's clock, and the Jetty server on a loopback port.
 */
final class FixtureRuntime implements AutoCloseable {

    private final Deployment deployment;
    private final BatonServer server;
    private final PrometheusMeterRegistry registry;

    private FixtureRuntime(Deployment deployment, BatonServer server, PrometheusMeterRegistry registry) {
        this.deployment = deployment;
        this.server = server;
        this.registry = registry;
    }

    static FixtureRuntime start(PageFixture.Builder page, FixtureSecrets secrets, String graphBaseUrl, Clock clock) {
        String defaultAppId = page.defaultAppId();
        List<AppConfig> apps = new ArrayList<>();
        boolean defaultHosted = false;
        for (FixtureApp app : page.apps.values()) {
            FixtureSecrets.AppSecrets appSecrets = secrets.of(app.name());
            apps.add(new AppConfig(app.name(), app.plugin(), app.appId(), app.role(), appSecrets.secret(),
                    appSecrets.accessToken(), appSecrets.verifyToken(), app.settings()));
            defaultHosted |= app.appId().equals(defaultAppId);
        }
        PageConfig config = PageConfig.of(new PageSettings(page.pageId, page.platform,
                        defaultHosted ? null : defaultAppId), apps)
                .withGraph(GraphSettings.DEFAULTS.withBaseUrl(graphBaseUrl))
                .withStore(StoreSettings.MEMORY);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Deployment deployment = Deployment.builder(config)
                .graphOutbound()
                .plugins(plugins(page.plugins))
                .clock(clock)
                .registry(registry)
                .build();
        try {
            deployment.start();
            BatonServer server = BatonServer.start(deployment, ServerOptions.loopback(),
                    registry);
            return new FixtureRuntime(deployment, server, registry);
        } catch (Exception e) {
            deployment.close();
            throw new IllegalStateException("the deployment under test did not start: " + e.getMessage(), e);
        }
    }

    private static PluginRegistry plugins(List<AppPlugin> extra) {
        PluginRegistry discovered = PluginRegistry.discover();
        List<AppPlugin> all = new ArrayList<>(extra);
        for (String name : discovered.names()) {
            if (extra.stream().noneMatch(plugin -> plugin.name().equals(name))) {
                all.add(discovered.require(name, "(fixture)"));
            }
        }
        return PluginRegistry.of(all);
    }

    URI webhookBase() {
        return server.baseUri();
    }

    MeterRegistry registry() {
        return registry;
    }

    Deployment deployment() {
        return deployment;
    }

    boolean awaitIdle(Duration timeout) {
        return deployment.dispatcher().awaitIdle(timeout);
    }

    /** Runs the timers the clock made due now, rather than at the scheduler's next look. */
    void fireDueTimers() {
        deployment.dispatcher().runDueTimers();
    }

    @Override
    public void close() {
        server.close();
    }
}
