package dev.baton.runtime;

import dev.baton.config.ConfigException;
import dev.baton.spi.AppPlugin;
import dev.baton.spi.ConversationApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds one app instance's {@link ConversationApp} from its plugin, Guice or not. */
final class AppInstances {

    private static final Logger LOG = LoggerFactory.getLogger(AppInstances.class);

    private AppInstances() {}

    static ConversationApp build(AppPlugin plugin, DeploymentAppContext context) {
        String what = "app '" + context.app().name() + "' (plugin '" + plugin.name() + "')";
        ConversationApp app;
        try {
            app = plugin.create(context);
        } catch (ConfigException | PluginLoadException e) {
            throw e; // already names the settings key, or the app and plugin
        } catch (RuntimeException e) {
            throw new PluginLoadException(what + ": the plugin failed to create its app: " + e.getMessage(), e);
        }
        if (app == null) {
            throw new PluginLoadException(what + ": the plugin returned no app");
        }
        if (app instanceof AutoCloseable closeable) {
            // Registered last, so closed first: the app stops before what it was built on.
            context.closeOnShutdown(closeable);
        }
        LOG.info("hosted app '{}' (Meta app {}, role {}) built by plugin '{}'", context.app().name(),
                context.app().appId(), context.app().role(), plugin.name());
        return app;
    }
}
