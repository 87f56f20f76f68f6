package dev.baton.testkit;

import dev.baton.ingest.IngestResult;
import dev.baton.runtime.Deployment;
import dev.baton.transport.AppEndpointRoute;
import dev.baton.transport.HostedDeployment;
import dev.baton.transport.WebhookAnswer;
import dev.baton.transport.WebhookEndpoint;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Hands a core {@link Deployment} to the Jetty server: webhook paths to its ingest, app paths to the apps. */
final class FixtureHostedDeployment implements HostedDeployment {

    private final Deployment deployment;

    FixtureHostedDeployment(Deployment deployment) {
        this.deployment = deployment;
    }

    @Override
    public WebhookEndpoint endpoint() {
        return new WebhookEndpoint() {
            @Override
            public boolean hosts(String appName) {
                return deployment.ingest().appNames().contains(appName);
            }

            @Override
            public CompletableFuture<WebhookAnswer> receive(String appName, String signature256Header, byte[] body) {
                return deployment.ingest().receiveAsync(appName, signature256Header, body)
                        .thenApply(FixtureHostedDeployment::answer);
            }

            @Override
            public WebhookAnswer verifySubscription(String appName, String mode, String verifyToken,
                                                    String challenge) {
                return answer(deployment.ingest().verifySubscription(appName, mode, verifyToken, challenge));
            }
        };
    }

    /** An app's own HTTP endpoint ({@code /apps/{name}/...}), bound to its conversation trigger. */
    @Override
    public Optional<AppEndpointRoute> appEndpoint(String appName) {
        return deployment.appEndpoint(appName)
                .map(endpoint -> request -> endpoint.handle(request, deployment.trigger(appName)));
    }

    private static WebhookAnswer answer(IngestResult result) {
        return new WebhookAnswer(result.status(), result.body() == null ? "" : result.body(),
                result.retryAfterSeconds());
    }

    @Override
    public boolean ready() {
        return deployment.ready();
    }

    @Override
    public void drain(Duration timeout) {
        deployment.drain(timeout);
    }

    @Override
    public void close() {
        deployment.close();
    }
}
