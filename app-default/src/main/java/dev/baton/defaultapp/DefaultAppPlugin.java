package dev.baton.defaultapp;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.baton.config.ConfigException;
import dev.baton.runtime.DeploymentAppContext;
import dev.baton.runtime.GuiceAppPlugin;
import dev.baton.spi.AppRole;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The default app's plugin, name {@code default}: reads the {@code settings:} block as {@link Settings},
 * finds the inbox bridge among the hosted apps, and installs the team's {@link TurnHandlerModule}s (found by
 * {@link ServiceLoader}, plus any modules given to the constructor) so that their {@link TurnHandler}s
 * join the chain. Called once per configured instance, each in an injector of its own.
 */
public final class DefaultAppPlugin implements GuiceAppPlugin {

    private final List<Module> extensions;

    /** The plugin as {@link ServiceLoader} makes it: extensions come from the class path only. */
    public DefaultAppPlugin() {
        this(List.of());
    }

    /** A plugin with these extension modules besides those on the class path (for a deployment built in code). */
    public DefaultAppPlugin(List<Module> extensions) {
        this.extensions = List.copyOf(extensions);
    }

    @Override
    public String name() {
        return "default";
    }

    @Override
    public Module module(DeploymentAppContext context) {
        Settings config = context.settings(Settings.class);
        PeerApps peers = peers(context, config.escalation());
        List<Module> installed = new ArrayList<>(extensions);
        ServiceLoader.load(TurnHandlerModule.class).forEach(extension -> installed.add(extension.module()));
        return new AbstractModule() {
            @Override
            protected void configure() {
                TurnHandlers.bind(binder()); // an empty chain is fine
                bind(Settings.class).toInstance(config);
                bind(PeerApps.class).toInstance(peers);
                installed.forEach(this::install);
            }

            @Provides
            @Singleton
            ConversationApp app(Settings settings, Set<TurnHandler> handlers, PeerApps known,
                                MeterRegistry registry, HostedApp self) {
                return new DefaultApp(settings, List.copyOf(handlers), known, registry, self.name());
            }
        };
    }

    private static PeerApps peers(DeploymentAppContext context, EscalationSettings escalation) {
        String key = "apps[" + context.app().name() + "].settings.escalation";
        Set<String> humans = context.hostedApps().stream().filter(app -> app.role() == AppRole.INBOX)
                .map(HostedApp::appId).collect(Collectors.toSet());
        String bridge;
        if (escalation.appName() != null) {
            bridge = context.hostedApps().stream().filter(app -> app.name().equals(escalation.appName()))
                    .map(HostedApp::appId).findFirst()
                    .orElseThrow(() -> new ConfigException(key + ".appName", "no hosted app has that name"));
        } else {
            bridge = context.hostedApp(AppRole.INBOX).map(HostedApp::appId).orElse(null);
        }
        if (bridge == null && EscalationSettings.TARGET_BRIDGE.equals(escalation.target())) {
            throw new ConfigException(key + ".target", "is inbox-bridge but no hosted app has role inbox; host the "
                    + "inbox bridge or set escalation.target: page-inbox");
        }
        return new PeerApps(bridge, humans);
    }
}
