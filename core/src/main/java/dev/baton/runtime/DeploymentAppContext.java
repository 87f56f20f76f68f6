package dev.baton.runtime;

import static java.util.Objects.requireNonNull;

import dev.baton.config.AppConfig;
import dev.baton.config.PageConfig;
import dev.baton.config.SettingsBinder;
import dev.baton.event.Platform;
import dev.baton.spi.AppContext;
import dev.baton.spi.ConversationTrigger;
import dev.baton.spi.HostedApp;
import dev.baton.spi.HostedHandover;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The runtime's {@link AppContext}: the SPI's view plus the deployment's {@link MeterRegistry}, which a
 * {@link GuiceAppPlugin} gets in {@link GuiceAppPlugin#module} (and every app instance's injector binds).
 * Settings are bound by {@link SettingsBinder}, so an unknown key is a {@link dev.baton.config.ConfigException}.
 * Holds no secret. Thread-safe; {@link #closeOnShutdown} collects into the app instance's {@link AppResources}.
 */
public final class DeploymentAppContext implements AppContext {

    private final HostedApp app;
    private final AppConfig appConfig;
    private final PageConfig pageConfig;
    private final Clock clock;
    private final MeterRegistry meterRegistry;
    private final ConversationTrigger trigger;
    private final HostedHandover hostedHandover;
    private final AppResources resources;

    DeploymentAppContext(AppConfig appConfig, PageConfig pageConfig, Clock clock, MeterRegistry meterRegistry,
                         ConversationTrigger trigger, HostedHandover hostedHandover, AppResources resources) {
        this.appConfig = requireNonNull(appConfig, "appConfig is null");
        this.app = appConfig.hostedApp();
        this.pageConfig = requireNonNull(pageConfig, "pageConfig is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.meterRegistry = requireNonNull(meterRegistry, "meterRegistry is null");
        this.trigger = requireNonNull(trigger, "trigger is null");
        this.hostedHandover = requireNonNull(hostedHandover, "hostedHandover is null");
        this.resources = requireNonNull(resources, "resources is null");
    }

    @Override
    public HostedApp app() {
        return app;
    }

    @Override
    public String pageId() {
        return pageConfig.page().id();
    }

    @Override
    public Platform platform() {
        return pageConfig.page().platform();
    }

    @Override
    public List<HostedApp> hostedApps() {
        return pageConfig.apps().stream().map(AppConfig::hostedApp).toList();
    }

    @Override
    public Optional<String> defaultAppId() {
        return pageConfig.defaultAppId();
    }

    @Override
    public <T> T settings(Class<T> type) {
        return SettingsBinder.bind(appConfig, type);
    }

    @Override
    public <T> T settings(Class<T> type, T defaults) {
        return SettingsBinder.bind(appConfig, type, defaults);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** The deployment's registry; meters an app adds show on {@code /metrics}. */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    @Override
    public ConversationTrigger trigger() {
        return trigger;
    }

    @Override
    public HostedHandover hostedHandover() {
        return hostedHandover;
    }

    @Override
    public <T extends AutoCloseable> T closeOnShutdown(T resource) {
        resources.add(requireNonNull(resource, "resource is null"));
        return resource;
    }

    AppResources resources() {
        return resources;
    }

    @Override
    public String toString() {
        return "AppContext[" + app + ", page=" + pageId() + "]";
    }
}
