package dev.baton.testkit;

import com.google.inject.Module;
import dev.baton.runtime.DeploymentAppContext;
import dev.baton.runtime.GuiceAppPlugin;
import dev.baton.spi.ConversationApp;

/**
 * Plugin {@code testkit-bystander}: an app that never says anything. Host it as the Page's default app (or
 * any other role) when a test needs a real app on the other end of a pass or a release, whose webhooks the
 * test then reads from the emulator ({@link PageFixture#deliveries}). Registered through
 * {@code ServiceLoader} like any plugin, so it is available wherever baton-testing is on the class path.
 */
public final class BystanderPlugin implements GuiceAppPlugin {

    public static final String NAME = "testkit-bystander";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Module module(DeploymentAppContext context) {
        return GuiceAppPlugin.instance(new ConversationApp() {});
    }
}
