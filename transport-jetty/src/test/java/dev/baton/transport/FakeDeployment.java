package dev.baton.transport;

import dev.baton.server.WebhookAnswer;
import dev.baton.server.WebhookAnswer.Reason;
import dev.baton.server.WebhookEndpoint;
import dev.baton.server.HostedDeployment;
import dev.baton.server.AppEndpointRoute;
import dev.baton.spi.AppEndpointResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A hand-written deployment for the server's own tests: one hosted app "shop" with the secret-free rules
 * the real ingest applies (no signature 401, a signature other than "sha256=good" 403, a body not starting
 * with '{' 400), a journal that is a list, and a switch that makes the next appends wait.
 */
final class FakeDeployment implements HostedDeployment, WebhookEndpoint {

    static final String APP = "shop";
    static final String VERIFY_TOKEN = "verify-token-never-shown";

    final List<byte[]> journal = new CopyOnWriteArrayList<>();
    final List<String> lifecycle = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
    final AtomicBoolean ready = new AtomicBoolean(true);
    final AtomicBoolean holdAppends = new AtomicBoolean();
    final AtomicInteger received = new AtomicInteger();
    final AtomicReference<Function<byte[], CompletableFuture<WebhookAnswer>>> override = new AtomicReference<>();

    @Override
    public WebhookEndpoint endpoint() {
        return this;
    }

    @Override
    public Optional<AppEndpointRoute> appRoute(String appName) {
        if (!APP.equals(appName)) {
            return Optional.empty();
        }
        return Optional.of(request -> {
            if (request.path().equals("/boom")) {
                throw new IllegalStateException("secret-abc in an exception");
            }
            return AppEndpointResponse.json(202, "{\"method\":\"" + request.method() + "\",\"path\":\""
                    + request.path() + "\",\"auth\":\"" + request.header("X-Auth").orElse("") + "\",\"bytes\":"
                    + request.body().length + "}");
        });
    }

    @Override
    public boolean hosts(String appName) {
        return APP.equals(appName);
    }

    @Override
    public CompletableFuture<WebhookAnswer> receiveAsync(String appName, String signature256Header, byte[] body) {
        received.incrementAndGet();
        Function<byte[], CompletableFuture<WebhookAnswer>> special = override.get();
        if (special != null) {
            return special.apply(body);
        }
        if (signature256Header == null) {
            return CompletableFuture.completedFuture(WebhookAnswer.refused(401, Reason.MISSING_SIGNATURE, "missing signature"));
        }
        if (!signature256Header.equals("sha256=good")) {
            return CompletableFuture.completedFuture(WebhookAnswer.refused(403, Reason.WRONG_SIGNATURE, "signature mismatch"));
        }
        if (body.length == 0 || body[0] != '{') {
            return CompletableFuture.completedFuture(WebhookAnswer.refused(400, Reason.BAD_JSON, "malformed JSON at $"));
        }
        if (!holdAppends.get()) {
            journal.add(body);
            return CompletableFuture.completedFuture(WebhookAnswer.ok("EVENT_RECEIVED"));
        }
        CompletableFuture<Void> append = new CompletableFuture<>();
        held.add(append);
        return append.thenApply(done -> {
            journal.add(body);
            return WebhookAnswer.ok("EVENT_RECEIVED");
        });
    }

    @Override
    public WebhookAnswer verifySubscription(String appName, String mode, String verifyToken, String challenge) {
        if ("subscribe".equals(mode) && VERIFY_TOKEN.equals(verifyToken) && challenge != null) {
            return WebhookAnswer.ok(challenge);
        }
        return WebhookAnswer.refused(403, Reason.WRONG_VERIFY_TOKEN, "verification failed");
    }

    /** Completes every held append. */
    void releaseHeld() {
        held.forEach(append -> append.complete(null));
    }

    @Override
    public boolean ready() {
        return ready.get();
    }

    @Override
    public boolean drain(Duration timeout) {
        lifecycle.add("drain");
        return true;
    }

    @Override
    public void close() {
        lifecycle.add("close");
    }
}
