package dev.baton.runtime;

import dev.baton.dispatch.DispatchListener;
import dev.baton.dispatch.OutboundFactory;
import java.util.function.Consumer;

/**
 * Builds the deployment's way out to Meta once the store exists, and may register dispatch listeners that
 * belong with it (the Graph client's ownership tracker). Called once, while the deployment is built.
 *
 * <pre>{@code
 * (resources, listeners) -> {
 *     GraphOutboundFactory graph = new GraphOutboundFactory(resources.config().graph(), ..., resources.store(),
 *             resources.clock(), resources.registry());
 *     listeners.accept(graph.ownershipTracker());
 *     return graph;
 * }
 * }</pre>
 */
@FunctionalInterface
public interface OutboundSetup {

    OutboundFactory create(DeploymentResources resources, Consumer<DispatchListener> listeners);
}
