package dev.baton.runtime;

import com.google.inject.Module;

/**
 * The root type of an app module, found by {@link java.util.ServiceLoader}: each app jar lists its one
 * implementation in {@code META-INF/services/dev.baton.runtime.AppPlugin}.
 *
 * <p>{@link #name()} is what a Page config's {@code apps[].plugin} refers to; it must match
 * {@code [a-z][a-z0-9-]*} and be unique on the class path. {@link #module} is called once per configured app
 * instance using this plugin (two marketing apps for two campaigns: two calls), each time for a fresh
 * injector of its own; the module must bind {@link dev.baton.spi.ConversationApp}. The runtime already binds
 * {@link AppContext}, {@link dev.baton.spi.HostedApp}, {@link java.time.Clock} and
 * {@link io.micrometer.core.instrument.MeterRegistry} in that injector. Called on the thread building the
 * deployment; implementations need no thread safety beyond that.
 */
public interface AppPlugin {

    String name();

    Module module(AppContext context);

    /** Helper for implementations: a module that binds nothing but {@code app} as the ConversationApp. */
    static Module instance(dev.baton.spi.ConversationApp app) {
        return binder -> binder.bind(dev.baton.spi.ConversationApp.class).toInstance(app);
    }
}
