package dev.baton.runtime;

import com.google.inject.Module;
import dev.baton.spi.AppContext;
import dev.baton.spi.AppPlugin;
import dev.baton.spi.ConversationApp;

/**
 * An {@link AppPlugin} for apps that want Guice: instead of {@link AppPlugin#create}, it gives a
 * {@link Module}, and the runtime builds the app in an injector of its own per configured app instance (two
 * marketing apps for two campaigns: two calls, two injectors that never share a binding). Listed, like every
 * plugin, in {@code META-INF/services/dev.baton.spi.AppPlugin}.
 *
 * <p>The module must bind {@link ConversationApp}. The runtime already binds {@link AppContext} and
 * {@link DeploymentAppContext} (this instance's context), {@link dev.baton.spi.HostedApp},
 * {@link java.time.Clock} and {@link io.micrometer.core.instrument.MeterRegistry} in that injector. Singletons
 * the injector holds (instance bindings, {@code @Singleton} types and providers) that are
 * {@link AutoCloseable} are closed when the deployment closes, as {@link AppPlugin} describes, last bound
 * first; so is the bound {@code ConversationApp} when it is {@code AutoCloseable}. Called on the thread
 * building the deployment; implementations need no thread safety beyond that.
 */
public interface GuiceAppPlugin extends AppPlugin {

    /** This instance's bindings; {@code context} is the instance's own (its settings, its name). */
    Module module(DeploymentAppContext context);

    /** Builds the injector and takes the app from it; not meant to be overridden. */
    @Override
    default ConversationApp create(AppContext context) {
        if (!(context instanceof DeploymentAppContext deploymentContext)) {
            throw new IllegalArgumentException("a Guice app plugin is built by a Baton deployment (got "
                    + context.getClass().getName() + ")");
        }
        return GuiceAppInjector.create(this, deploymentContext);
    }

    /** Helper for implementations: a module that binds nothing but {@code app} as the ConversationApp. */
    static Module instance(ConversationApp app) {
        return binder -> binder.bind(ConversationApp.class).toInstance(app);
    }
}
