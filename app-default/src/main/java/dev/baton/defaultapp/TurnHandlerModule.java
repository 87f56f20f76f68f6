package dev.baton.defaultapp;

import com.google.inject.Module;

/**
 * A team's additions to the default app, found with {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/dev.baton.defaultapp.TurnHandlerModule}) and installed into every default app
 * instance's injector. The module typically binds {@link TurnHandler}s through
 * {@link TurnHandlers#bind}. Called once per app instance at start-up.
 */
public interface TurnHandlerModule {

    Module module();
}
