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
            verify(app);
        }
    }

    private void verify(AppRegistration app) {
        String challenge = Long.toString(random.nextLong() & Long.MAX_VALUE);
        URI url = app.webhookUrl();
        String query = "hub.mode=subscribe&hub.verify_token=" + URLEncoder.encode(app.verifyToken(), UTF_8)
                + "&hub.challenge=" + challenge;
        String base = url.toString();
        URI check = URI.create(base + (url.getRawQuery() == null ? "?" : "&") + query);
        String problem;
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(check).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString(UTF_8));
            if (response.statusCode() / 100 != 2) {
                problem = "answered HTTP " + response.statusCode();
            } else if (!challenge.equals(response.body().strip())) {
                problem = "did not echo hub.challenge";
            } else {
                return;
            }
        } catch (IOException e) {
            problem = "could not be reached (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "check interrupted";
        }
        throw EmulatorException.badRequest("subscription check failed for app " + app.id() + " (" + app.name() + ") at "
                + url + ": it " + problem);
    }
}
