package dev.baton.defaultapp;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;

/**
 * Where teams add {@link TurnHandler}s: in a Guice module given to the default app plugin (see
 * {@link TurnHandlerModule}), write {@code TurnHandlers.bind(binder).addBinding().to(MyHandler.class)}.
 */
public final class TurnHandlers {

    private TurnHandlers() {}

    public static Multibinder<TurnHandler> bind(Binder binder) {
        return Multibinder.newSetBinder(binder, TurnHandler.class);
    }
}
