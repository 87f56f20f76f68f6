package dev.baton.server;

import dev.baton.spi.AppEndpointRequest;
import dev.baton.spi.AppEndpointResponse;

/**
 * An app's {@link dev.baton.spi.AppEndpoint} already bound to its {@link dev.baton.spi.ConversationTrigger}:
 * what the server calls for {@code /apps/{app-name}/...}. Called on request threads, concurrently; may block
 * briefly.
 */
@FunctionalInterface
public interface AppEndpointRoute {

    AppEndpointResponse handle(AppEndpointRequest request);
}
