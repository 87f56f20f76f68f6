package dev.baton.launcher;

import static java.util.Objects.requireNonNull;

import dev.baton.ingest.IngestResult;
import dev.baton.ingest.WebhookIngest;
import dev.baton.runtime.Deployment;
import dev.baton.transport.AppEndpointRoute;
import dev.baton.transport.HostedDeployment;
import dev.baton.transport.WebhookAnswer;
import dev.baton.transport.WebhookEndpoint;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Puts a core {@link Deployment} behind the Jetty server: its {@link WebhookIngest} becomes the webhook
 * endpoint, its apps' {@link dev.baton.spi.AppEndpoint}s are bound to their conversation triggers. The
 * deployment must be started ({@link Deployment#start()}) for {@link #ready()} to say yes.
 */
public final class RuntimeDeployment implements HostedDeployment, WebhookEndpoint {

    private static final WebhookAnswer RECEIVED = WebhookAnswer.ok("EVENT_RECEIVED");
    private static final CompletableFuture<WebhookAnswer> RECEIVED_NOW = CompletableFuture.completedFuture(RECEIVED);

    private final Deployment deployment;
    private final WebhookIngest ingest;

    public RuntimeDeployment(Deployment deployment) {
        this.deployment = requireNonNull(deployment, "deployment is null");
        this.ingest = deployment.ingest();
    }

    public Deployment deployment() {
        return deployment;
    }

    @Override
    public WebhookEndpoint endpoint() {
        return this;
    }

    @Override
    public Optional<AppEndpointRoute> appEndpoint(String appName) {
        return deployment.appEndpoint(appName)
                .map(endpoint -> request -> endpoint.handle(request, deployment.trigger(appName)));
    }

    @Override
    public boolean hosts(String appName) {
        return ingest.appNames().contains(appName);
    }

    /**
     * Most answers are the same "EVENT_RECEIVED" 200 and are ready at once (the in-memory journal): those get
     * one shared, already completed future, so the common request allocates no answer and no future here.
     * The transport only reads the future ({@code isDone}, {@code whenComplete}); nobody completes it.
     */
    @Override
    public CompletableFuture<WebhookAnswer> receive(String appName, String signature256Header, byte[] body) {
        CompletableFuture<IngestResult> result = ingest.receiveAsync(appName, signature256Header, body);
        if (result.isDone() && !result.isCompletedExceptionally()) {
            WebhookAnswer answer = answer(result.join());
            return answer == RECEIVED ? RECEIVED_NOW : CompletableFuture.completedFuture(answer);
        }
        return result.thenApply(RuntimeDeployment::answer);
    }

    @Override
    public WebhookAnswer verifySubscription(String appName, String mode, String verifyToken, String challenge) {
        return answer(ingest.verifySubscription(appName, mode, verifyToken, challenge));
    }

    private static WebhookAnswer answer(IngestResult result) {
        if (result.isOk() && result.retryAfterSeconds() == 0 && RECEIVED.message().equals(result.body())) {
            return RECEIVED;
        }
        return new WebhookAnswer(result.status(), result.body(), result.retryAfterSeconds());
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
