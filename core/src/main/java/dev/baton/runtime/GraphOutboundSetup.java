package dev.baton.runtime;

import dev.baton.config.AppConfig;
import dev.baton.config.PageConfig;
import dev.baton.dispatch.DispatchListener;
import dev.baton.dispatch.OutboundFactory;
import dev.baton.graph.GraphCredentials;
import dev.baton.graph.GraphOutboundFactory;
import dev.baton.graph.GraphTuning;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The production way out to Meta: a {@link GraphOutboundFactory} for the Page in the config (its
 * {@code graph:} settings, every hosted app's id, access token and secret, the default app id) on the
 * deployment's store, clock and registry, with its ownership tracker registered as a dispatch listener so
 * that owner lookups are answered from what the deployment saw. With a store shared by several instances,
 * the Page's rate limits are split by {@link DeploymentResources#sendShare()}.
 */
public final class GraphOutboundSetup implements OutboundSetup {

    private volatile GraphOutboundFactory created;

    @Override
    public OutboundFactory create(DeploymentResources resources, Consumer<DispatchListener> listeners) {
        PageConfig config = resources.config();
        Map<String, GraphCredentials> credentials = new LinkedHashMap<>();
        for (AppConfig app : config.apps()) {
            credentials.put(app.appId(), new GraphCredentials(app.appId(), app.accessToken(), app.secret()));
        }
        GraphOutboundFactory factory = new GraphOutboundFactory(config.graph(), GraphTuning.DEFAULTS,
                config.page().id(), config.page().platform(), credentials, config.defaultAppId().orElse(null),
                resources.store(), resources.clock(), resources.registry(), resources.sendShare());
        listeners.accept(factory.ownershipTracker());
        created = factory;
        return factory;
    }

    /** The factory made by {@link #create} (for the Graph clients of take/request/extend); null before. */
    public GraphOutboundFactory factory() {
        return created;
    }
}
