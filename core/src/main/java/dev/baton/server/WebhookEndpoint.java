package dev.baton.server;

import java.util.concurrent.CompletableFuture;

/**
 * The webhook paths of a deployment, free of any transport: what a server hands the raw request to. The
 * core {@code WebhookIngest} implements it; transport tests and the load harness plug in their own.
 *
 * <p>Threading: every method may be called from many request threads at once. {@link #receiveAsync} must not
 * block for long (verify, parse, start the journal append, return); its future may complete on any thread,
 * and the transport only reads it (it may be shared and already completed).
 */
public interface WebhookEndpoint {

    /** True when {@code appName} is a hosted app; a server answers 404 for others without reading a body. */
    boolean hosts(String appName);

    /**
     * Takes one POSTed batch, exactly as received. The future completes with 200 only once the batch is in
     * the journal; it never completes exceptionally for bad input (that is a 4xx answer).
     */
    CompletableFuture<WebhookAnswer> receiveAsync(String appName, String signature256Header, byte[] body);

    /** Answers Meta's subscription GET: 200 with the challenge as message, 403, or 404 for an unknown app. */
    WebhookAnswer verifySubscription(String appName, String mode, String verifyToken, String challenge);
}
