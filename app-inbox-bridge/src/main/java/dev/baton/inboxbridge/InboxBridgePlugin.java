package dev.baton.inboxbridge;

import com.google.inject.Module;
import dev.baton.inboxbridge.helpdesk.HelpdeskConnector;
import dev.baton.inboxbridge.helpdesk.HelpdeskProtocol;
import dev.baton.inboxbridge.helpdesk.HelpdeskSignature;
import dev.baton.inboxbridge.helpdesk.HttpHelpdeskConnector;
import dev.baton.inboxbridge.helpdesk.InMemoryHelpdeskConnector;
import dev.baton.runtime.DeploymentAppContext;
import dev.baton.runtime.GuiceAppPlugin;
import java.net.URI;
import java.util.function.Function;

/**
 * The inbox bridge's plugin, name {@code inbox-bridge}: reads the {@code settings:} block as
 * {@link Settings} and, in helpdesk mode, builds the configured {@link HelpdeskConnector}. A
 * deployment built in code may supply its own connector (any helpdesk) through the second constructor.
 * The bound app also serves the bridge's {@code AppEndpoint} ({@code POST /apps/{name}/helpdesk}).
 */
public final class InboxBridgePlugin implements GuiceAppPlugin {

    private final Function<DeploymentAppContext, HelpdeskConnector> connectors;

    /** The plugin as {@link java.util.ServiceLoader} makes it: connectors from the settings. */
    public InboxBridgePlugin() {
        this(null);
    }

    /** A plugin whose helpdesk connector is made by {@code connectors} instead of from the settings. */
    public InboxBridgePlugin(Function<DeploymentAppContext, HelpdeskConnector> connectors) {
        this.connectors = connectors;
    }

    @Override
    public String name() {
        return "inbox-bridge";
    }

    @Override
    public Module module(DeploymentAppContext context) {
        Settings config = context.settings(Settings.class);
        HelpdeskConnector connector = config.helpdeskMode() ? connector(context, config.helpdesk()) : null;
        boolean reclaims = config.helpdeskMode() && config.helpdesk().reclaimFromHostedDefault();
        return GuiceAppPlugin.instance(new InboxBridgeApp(config, connector, context.meterRegistry(), context.app().name(),
                reclaims ? context.hostedHandover() : null));
    }

    private HelpdeskConnector connector(DeploymentAppContext context, Settings.Helpdesk settings) {
        if (connectors != null) {
            return connectors.apply(context);
        }
        HelpdeskProtocol protocol = new HelpdeskProtocol(new HelpdeskSignature(settings.signingSecret()));
        if ("memory".equals(settings.connector())) {
            return new InMemoryHelpdeskConnector(protocol, context.clock());
        }
        return new HttpHelpdeskConnector(URI.create(settings.webhookUrl()), protocol, settings.timeoutDuration(),
                context.clock());
    }
}
