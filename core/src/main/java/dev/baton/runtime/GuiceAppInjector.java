package dev.baton.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Scopes;
import com.google.inject.Stage;
import dev.baton.config.ConfigException;
import dev.baton.spi.AppContext;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Set;

/**
 * Builds one app instance's {@link ConversationApp} from a {@link GuiceAppPlugin}, in an injector of its own.
 *
 * <p>Each instance gets a separate top-level injector rather than a child of a shared parent: Guice creates
 * a child's just-in-time bindings in the parent whenever it can, so two instances of one plugin could end up
 * sharing an {@code @Singleton} they each meant to own. Separate injectors never share anything; what the
 * instances do share (clock, registry) is bound into each explicitly.
 */
final class GuiceAppInjector {

    /** What the runtime binds: never closed on the app's behalf (the deployment owns them). */
    private static final Set<Key<?>> RUNTIME_KEYS = Set.of(Key.get(AppContext.class),
            Key.get(DeploymentAppContext.class), Key.get(HostedApp.class), Key.get(Clock.class),
            Key.get(MeterRegistry.class));

    private GuiceAppInjector() {}

    static ConversationApp create(GuiceAppPlugin plugin, DeploymentAppContext context) {
        String what = "app '" + context.app().name() + "' (plugin '" + plugin.name() + "')";
        Module pluginModule;
        try {
            pluginModule = plugin.module(context);
        } catch (ConfigException e) {
            throw e; // already names the settings key
        } catch (RuntimeException e) {
            throw new PluginLoadException(what + ": the plugin failed to make its module: " + e.getMessage(), e);
        }
        if (pluginModule == null) {
            throw new PluginLoadException(what + ": the plugin returned no module");
        }
        Module runtimeModule = new AbstractModule() {
            @Override
            protected void configure() {
                bind(AppContext.class).toInstance(context);
                bind(DeploymentAppContext.class).toInstance(context);
                bind(HostedApp.class).toInstance(context.app());
                bind(Clock.class).toInstance(context.clock());
                bind(MeterRegistry.class).toInstance(context.meterRegistry());
            }
        };
        try {
            Injector injector = Guice.createInjector(Stage.PRODUCTION, runtimeModule, pluginModule);
            ConversationApp app = injector.getInstance(ConversationApp.class);
            registerCloseableSingletons(injector, app, context);
            return app;
        } catch (ConfigurationException e) {
            throw new PluginLoadException(what + ": its module does not bind " + ConversationApp.class.getName(), e);
        } catch (CreationException | ProvisionException e) {
            ConfigException configProblem = findConfigException(e);
            if (configProblem != null) {
                throw configProblem;
            }
            throw new PluginLoadException(what + ": its injector cannot be built: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * The injector's singletons that are {@link AutoCloseable}, in binding order, so that the deployment
     * closes them last bound first. Stage.PRODUCTION made them all already, so asking for them builds nothing.
     * Other scopes are left alone: the injector cannot know which of their instances are still in use.
     */
    private static void registerCloseableSingletons(Injector injector, ConversationApp app,
                                                    DeploymentAppContext context) {
        for (Binding<?> binding : injector.getBindings().values()) {
            if (RUNTIME_KEYS.contains(binding.getKey()) || binding.getKey().getTypeLiteral().getRawType()
                    == Injector.class || !Scopes.isSingleton(binding)) {
                continue;
            }
            // The app itself is registered by the runtime after this, so it closes before what it was built on.
            if (binding.getProvider().get() instanceof AutoCloseable closeable && closeable != app) {
                context.closeOnShutdown(closeable);
            }
        }
    }

    private static ConfigException findConfigException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigException config) {
                return config;
            }
            if (cause instanceof CreationException creation) {
                for (com.google.inject.spi.Message message : creation.getErrorMessages()) {
                    if (message.getCause() instanceof ConfigException config) {
                        return config;
                    }
                }
            }
            if (cause instanceof ProvisionException provision) {
                for (com.google.inject.spi.Message message : provision.getErrorMessages()) {
                    if (message.getCause() instanceof ConfigException config) {
                        return config;
                    }
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        return message.lines().filter(line -> !line.isBlank()).limit(3).reduce((a, b) -> a + " " + b.trim())
                .orElse("(no detail)");
    }
}
