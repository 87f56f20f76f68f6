package dev.baton.emulator.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.EmulatorException;
import dev.baton.emulator.PageRegistration;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * Meta's subscription check, run for every app when a Page is registered: {@code GET webhook_url} with
 * {@code hub.mode=subscribe}, {@code hub.verify_token} and a numeric {@code hub.challenge}; the app must
 * answer 2xx with exactly the challenge. Thread-safe.
 */
public final class SubscriptionVerifier {

    private final HttpClient client;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();

    public SubscriptionVerifier(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** @throws EmulatorException (400) naming the first app that did not echo the challenge */
    public void verify(PageRegistration page) {
        for (AppRegistration app : page.apps()) {
            if (app.webhookUrl() != null) { // an app of a fresh Page has no webhook yet
                verify(app);
            }
        }
    }

    private void verify(AppRegistration app) {
        check(app.webhookUrl(), app.verifyToken()).ifPresent(problem -> {
            throw EmulatorException.badRequest("subscription check failed for app " + app.id() + " (" + app.name()
                    + ") at " + app.webhookUrl() + ": it " + problem);
        });
    }

    /**
     * Meta's verification GET to {@code url}; empty when the endpoint echoed the challenge, else what went wrong
     * ({@code answered HTTP 403}, {@code did not echo hub.challenge}...), never the verify token.
     */
    public Optional<String> check(URI url, String verifyToken) {
        String challenge = Long.toString(random.nextLong() & Long.MAX_VALUE);
        String query = "hub.mode=subscribe&hub.verify_token=" + URLEncoder.encode(verifyToken, UTF_8)
                + "&hub.challenge=" + challenge;
        String base = url.toString();
        URI check = URI.create(base + (url.getRawQuery() == null ? "?" : "&") + query);
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(check).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString(UTF_8));
            if (response.statusCode() / 100 != 2) {
                return Optional.of("answered HTTP " + response.statusCode());
            }
            if (!challenge.equals(response.body().strip())) {
                return Optional.of("did not echo hub.challenge");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("check interrupted");
        }
    }
}
