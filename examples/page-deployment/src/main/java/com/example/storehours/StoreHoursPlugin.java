package com.example.storehours;

import dev.baton.spi.AppContext;
import dev.baton.spi.AppPlugin;
import dev.baton.spi.ConversationApp;

/**
 * Registers the store-hours app (ServiceLoader: META-INF/services/dev.baton.spi.AppPlugin). Written against
 * baton-spi alone: no Guice, no runtime type; an app this small has nothing to inject.
 */
public final class StoreHoursPlugin implements AppPlugin {

    @Override
    public String name() {
        return "store-hours";
    }

    @Override
    public ConversationApp create(AppContext context) {
        return new StoreHoursApp(context.settings(StoreHoursSettings.class, StoreHoursSettings.DEFAULTS));
    }
}
