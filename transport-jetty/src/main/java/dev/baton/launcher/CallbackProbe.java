package dev.baton.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;

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
 * {@code doctor}'s reachability check: the GET Meta makes to a callback URL before it accepts a subscription
 * ({@code hub.mode=subscribe}, {@code hub.verify_token}, a random numeric {@code hub.challenge}), from wherever
 * doctor runs, so run it from outside the deployment's network to test what Meta sees. The answer must be 2xx
 * with exactly the challenge. Problems are described without the verify token.
 */
final class CallbackProbe {

    private final HttpClient client;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();

    CallbackProbe(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Empty when the callback echoed the challenge, else what went wrong. */
    Optional<String> check(String callbackUrl, String verifyToken) {
        String challenge = Long.toString(random.nextLong() & Long.MAX_VALUE);
        String separator = callbackUrl.contains("?") ? "&" : "?";
        URI uri;
        try {
            uri = URI.create(callbackUrl + separator + "hub.mode=subscribe&hub.verify_token="
                    + URLEncoder.encode(verifyToken, UTF_8) + "&hub.challenge=" + challenge);
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a valid URL");
        }
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString(UTF_8));
            if (response.statusCode() / 100 != 2) {
                return Optional.of("answered HTTP " + response.statusCode() + " to the verification GET"
                        + (response.statusCode() == 403 ? " (wrong verify token?)" : ""));
            }
            if (!challenge.equals(response.body().strip())) {
                return Optional.of("answered 2xx but did not echo hub.challenge");
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
