package dev.baton.runtime;

import static java.util.Objects.requireNonNull;

import dev.baton.config.AppConfig;
import dev.baton.config.PageConfig;
import dev.baton.config.SettingsBinder;
import dev.baton.event.Platform;
import dev.baton.spi.AppRole;
import dev.baton.spi.ConversationTrigger;
import dev.baton.spi.HostedApp;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What an app instance's plugin gets to build its module: who it is, the Page, the other hosted apps (to find
 * the default app or the inbox bridge by role), its own {@code settings:} block, the deployment's clock and
 * meter registry, a {@link ConversationTrigger} for input from outside Meta, and the narrow in-house
 * {@link HostedHandover}. Holds no secret (the app
 * talks to Meta through its {@code Conversation}). Thread-safe, immutable.
 */
public final class AppContext {

    private final HostedApp app;
    private final AppConfig appConfig;
    private final PageConfig pageConfig;
    private final Clock clock;
    private final MeterRegistry meterRegistry;
    private final ConversationTrigger trigger;
    private final HostedHandover hostedHandover;

    AppContext(AppConfig appConfig, PageConfig pageConfig, Clock clock, MeterRegistry meterRegistry,
               ConversationTrigger trigger, HostedHandover hostedHandover) {
        this.appConfig = requireNonNull(appConfig, "appConfig is null");
        this.app = appConfig.hostedApp();
        this.pageConfig = requireNonNull(pageConfig, "pageConfig is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.meterRegistry = requireNonNull(meterRegistry, "meterRegistry is null");
        this.trigger = requireNonNull(trigger, "trigger is null");
        this.hostedHandover = requireNonNull(hostedHandover, "hostedHandover is null");
    }

    /** This app instance: its name, Meta app id and role. */
    public HostedApp app() {
        return app;
    }

    public String pageId() {
        return pageConfig.page().id();
    }

    public Platform platform() {
        return pageConfig.page().platform();
    }

    /** Every app hosted by this deployment, this one included, in config order. */
    public List<HostedApp> hostedApps() {
        return pageConfig.apps().stream().map(AppConfig::hostedApp).toList();
    }

    /** The first hosted app with {@code role}, if any. */
    public Optional<HostedApp> hostedApp(AppRole role) {
        return hostedApps().stream().filter(hosted -> hosted.role() == role).findFirst();
    }

    /**
     * The Page's default app id: {@code page.defaultAppId} when configured, else the hosted app with role
     * DEFAULT, else empty (then a pass without target goes to whatever Meta has as default).
     */
    public Optional<String> defaultAppId() {
        return pageConfig.defaultAppId();
    }

    /**
     * This app's {@code settings:} block as {@code type} (usually a record). Unknown keys are refused with a
     * {@link dev.baton.config.ConfigException} naming {@code apps[NAME].settings.KEY}; absent keys are null/0.
     */
    public <T> T settings(Class<T> type) {
        return SettingsBinder.bind(appConfig, type);
    }

    /** Like {@link #settings(Class)}, absent keys taken from {@code defaults}. */
    public <T> T settings(Class<T> type, T defaults) {
        return SettingsBinder.bind(appConfig, type, defaults);
    }

    public Clock clock() {
        return clock;
    }

    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** Runs this app's {@code onTimer} in a conversation's lane; usable once the deployment started. */
    public ConversationTrigger trigger() {
        return trigger;
    }

    /**
     * The in-house handover for this app: has the hosted default app pass a thread back to it (only an app
     * with role {@code INBOX}; refused otherwise). Using it is the app's explicit choice; see
     * {@link HostedHandover} for what it can and cannot do.
     */
    public HostedHandover hostedHandover() {
        return hostedHandover;
    }

    @Override
    public String toString() {
        return "AppContext[" + app + ", page=" + pageId() + "]";
    }
}
