package dev.baton.defaultapp;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;

/**
 * Where teams add {@link DefaultAppHandler}s: in a Guice module given to the default app plugin (see
 * {@link DefaultAppExtension}), write {@code DefaultAppHandlers.bind(binder).addBinding().to(MyHandler.class)}.
 */
public final class DefaultAppHandlers {

    private DefaultAppHandlers() {}

    public static Multibinder<DefaultAppHandler> bind(Binder binder) {
        return Multibinder.newSetBinder(binder, DefaultAppHandler.class);
    }
}
