package com.example.storehours;

import com.google.inject.Module;
import dev.baton.runtime.AppContext;
import dev.baton.runtime.AppPlugin;

/** Registers the store-hours app (ServiceLoader: META-INF/services/dev.baton.runtime.AppPlugin). */
public final class StoreHoursPlugin implements AppPlugin {

    @Override
    public String name() {
        return "store-hours";
    }

    @Override
    public Module module(AppContext context) {
        return AppPlugin.instance(new StoreHoursApp(context.settings(StoreHoursSettings.class, StoreHoursSettings.DEFAULTS)));
    }
}
