package dev.baton.spi;

/**
 * The root type of an app module, found by {@link java.util.ServiceLoader}: each app jar lists its one
 * implementation in {@code META-INF/services/dev.baton.spi.AppPlugin}. Needs nothing but this artifact (no
 * Guice, no Baton runtime); apps that want dependency injection implement the runtime's
 * {@code dev.baton.runtime.GuiceAppPlugin} instead, which is an {@code AppPlugin} too.
 *
 * <p>{@link #name()} is what a Page config's {@code apps[].plugin} refers to; it must match
 * {@code [a-z][a-z0-9-]*} and be unique on the class path (loading stops otherwise, naming both classes).
 * {@link #create} is called once per configured app instance using this plugin (two marketing apps for two
 * campaigns: two calls), on the thread building the deployment, in config order; implementations need no
 * thread safety beyond that. An exception from {@code create} stops the deployment from being built, with
 * the app's and the plugin's names in the message (so the message must not hold a secret).
 *
 * <p>Life cycle: the deployment closes, when it is closed, what {@code create} opened: the returned app if
 * it is {@link AutoCloseable}, and whatever was registered with {@link AppContext#closeOnShutdown}. App
 * instances are closed in the reverse order they were created (the last configured app first); within one
 * instance, the app first, then its registered resources, last registered first. Closing starts after the
 * last callback has returned and is bounded by the deployment's shutdown timeout: a close still running then
 * is logged and left to finish in the background. A close that throws is logged and does not stop the others.
 */
public interface AppPlugin {

    /** The plugin's name, {@code [a-z][a-z0-9-]*}, unique on the class path. */
    String name();

    /**
     * Builds one app instance.
     *
     * @param context who the instance is, its settings, the clock and the deployment's hooks
     * @return the app; never null
     */
    ConversationApp create(AppContext context);
}
