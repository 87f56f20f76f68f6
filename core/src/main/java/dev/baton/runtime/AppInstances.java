package dev.baton.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import dev.baton.config.AppConfig;
import dev.baton.config.ConfigException;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one app instance's {@link ConversationApp} from its plugin, in an injector of its own.
 *
 * <p>Each instance gets a separate top-level injector rather than a child of a shared parent: Guice creates
 * a child's just-in-time bindings in the parent whenever it can, so two instances of one plugin could end up
 * sharing an {@code @Singleton} they each meant to own. Separate injectors never share anything; what the
 * instances do share (clock, registry) is bound into each explicitly.
 */
final class AppInstances {

    private static final Logger LOG = LoggerFactory.getLogger(AppInstances.class);

    private AppInstances() {}

    static ConversationApp build(AppPlugin plugin, AppConfig config, AppContext context, Clock clock,
                                 MeterRegistry registry) {
        String what = "app '" + config.name() + "' (plugin '" + plugin.name() + "')";
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
                bind(HostedApp.class).toInstance(context.app());
                bind(Clock.class).toInstance(clock);
                bind(MeterRegistry.class).toInstance(registry);
            }
        };
        try {
            Injector injector = Guice.createInjector(Stage.PRODUCTION, runtimeModule, pluginModule);
            ConversationApp app = injector.getInstance(ConversationApp.class);
            LOG.info("hosted app '{}' (Meta app {}, role {}) built by plugin '{}'", config.name(), config.appId(),
                    config.role(), plugin.name());
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
