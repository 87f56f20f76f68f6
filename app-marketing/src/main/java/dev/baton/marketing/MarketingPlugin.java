package dev.baton.marketing;

import com.google.inject.Module;
import dev.baton.runtime.DeploymentAppContext;
import dev.baton.runtime.GuiceAppPlugin;

/**
 * The {@code marketing} plugin: one {@link MarketingApp} per configured app instance, with its own settings,
 * lead sink and meters (two marketing apps for two campaigns never share anything).
 */
public final class MarketingPlugin implements GuiceAppPlugin {

    public static final String NAME = "marketing";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Module module(DeploymentAppContext context) {
        return new MarketingModule(context.settings(Settings.class), context.app().name());
    }
}
