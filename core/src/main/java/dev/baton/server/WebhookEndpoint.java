package dev.baton.transport;

import java.util.concurrent.CompletableFuture;

/**
 * The transport-free side of the webhook paths: what the Jetty server hands the raw request to. The
 * launcher adapts the core {@code WebhookIngest} to it; tests and the load harness plug in their own.
 *
 * <p>Threading: every method may be called from many request threads at once. {@link #receive} must not
 * block for long (verify, parse, start the journal append, return); its future may complete on any thread.
 */
public interface WebhookEndpoint {

    /** True when {@code appName} is a hosted app; the server answers 404 for others without reading a body. */
    boolean hosts(String appName);

    /**
     * Takes one POSTed batch, exactly as received. The future completes with 200 only once the batch is in
     * the journal; it never completes exceptionally for bad input (that is a 4xx answer).
     */
    CompletableFuture<WebhookAnswer> receive(String appName, String signature256Header, byte[] body);

    /** Answers Meta's subscription GET: 200 with the challenge as message, or 403. */
    WebhookAnswer verifySubscription(String appName, String mode, String verifyToken, String challenge);
}
