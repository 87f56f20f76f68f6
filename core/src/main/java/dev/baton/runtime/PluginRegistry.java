package dev.baton.runtime;

import static java.util.Objects.requireNonNull;

import dev.baton.spi.AppPlugin;
import dev.baton.spi.HostedApp;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app plugins a deployment can use, by name. Strict: a name that does not match
 * {@code [a-z][a-z0-9-]*} or that two plugins share stops loading, naming both classes. Immutable.
 */
public final class PluginRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    private final Map<String, AppPlugin> plugins;
    private final String formerServiceFile;

    private PluginRegistry(Map<String, AppPlugin> plugins, String formerServiceFile) {
        this.plugins = plugins;
        this.formerServiceFile = formerServiceFile;
    }

    /** The service file of the runtime's former plugin type, named in the error when a plugin is missing. */
    static final String FORMER_SERVICE_FILE = "META-INF/services/dev.baton.runtime.AppPlugin";

    /**
     * Every plugin listed in {@code META-INF/services/dev.baton.spi.AppPlugin} on {@code classLoader}, Guice
     * ones ({@link GuiceAppPlugin}) and plain ones alike. A jar still listing its plugin in the former
     * {@code META-INF/services/dev.baton.runtime.AppPlugin} is not loaded; {@link #require} names that file.
     */
    public static PluginRegistry discover(ClassLoader classLoader) {
        URL former = classLoader.getResource(FORMER_SERVICE_FILE);
        String formerServiceFile = former == null ? null : former.toString();
        try {
            List<AppPlugin> found = ServiceLoader.load(AppPlugin.class, classLoader).stream()
                    .map(ServiceLoader.Provider::get).toList();
            return new PluginRegistry(byName(found), formerServiceFile);
        } catch (ServiceConfigurationError e) {
            throw new PluginLoadException("cannot load the app plugins on the class path: " + e.getMessage(), e);
        }
    }

    /** The plugins found with the thread's context class loader (or this class's). */
    public static PluginRegistry discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : PluginRegistry.class.getClassLoader());
    }

    /** Exactly these plugins (tests, or a deployment that lists its plugins in code). */
    public static PluginRegistry of(List<? extends AppPlugin> list) {
        return new PluginRegistry(byName(list), null);
    }

    private static Map<String, AppPlugin> byName(List<? extends AppPlugin> list) {
        Map<String, AppPlugin> byName = new TreeMap<>();
        for (AppPlugin plugin : list) {
            String name = requireNonNull(plugin.name(), () -> plugin.getClass().getName() + ".name() is null");
            if (!HostedApp.NAME.matcher(name).matches()) {
                throw new PluginLoadException("plugin " + plugin.getClass().getName() + " is named '" + name
                        + "'; plugin names must match [a-z][a-z0-9-]*");
            }
            AppPlugin clash = byName.putIfAbsent(name, plugin);
            if (clash != null) {
                throw new PluginLoadException("two plugins are named '" + name + "': " + clash.getClass().getName()
                        + " and " + plugin.getClass().getName() + "; remove one from the class path");
            }
            LOG.info("app plugin '{}' registered ({})", name, plugin.getClass().getName());
        }
        return Map.copyOf(byName);
    }

    public static PluginRegistry of(AppPlugin... list) {
        return of(List.of(list));
    }

    /** The plugin {@code pluginName}, which app {@code appName} is configured with. */
    public AppPlugin require(String pluginName, String appName) {
        AppPlugin plugin = plugins.get(pluginName);
        if (plugin == null) {
            throw new PluginLoadException("app '" + appName + "' uses plugin '" + pluginName
                    + "', which is not on the class path (plugins found: " + new TreeMap<>(plugins).keySet()
                    + "); add its jar or fix apps[].plugin" + (formerServiceFile == null ? "" : "; note that "
                    + formerServiceFile + " lists plugins under the former service name: rename that file to "
                    + "META-INF/services/" + AppPlugin.class.getName()));
        }
        return plugin;
    }

    public java.util.Set<String> names() {
        return new java.util.TreeSet<>(plugins.keySet());
    }
}
