package dev.baton.runtime;

import com.google.inject.Module;

/** A test plugin (listed in test META-INF/services) whose module forgets to bind the ConversationApp. */
public final class UnboundPlugin implements GuiceAppPlugin {

    @Override
    public String name() {
        return "unbound";
    }

    @Override
    public Module module(DeploymentAppContext context) {
        return binder -> { };
    }
}
