package dev.baton.dispatch;

import dev.baton.spi.HostedApp;

/** Gives each hosted app its {@link Outbound}; called once per app when the deployment starts. */
public interface OutboundFactory {

    Outbound forApp(HostedApp app);
}
