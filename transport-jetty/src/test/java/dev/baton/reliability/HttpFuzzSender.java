package dev.baton.reliability;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

/**
 * Sends fuzz cases and judges each answer: its status must be a 4xx the ingest gives (or 503 under load),
 * and its body must carry neither the secret nor anything shaped like a signature. Counts answers by status
 * and collects what broke a rule. Thread-safe: several threads may send through one sender.
 */
public final class HttpFuzzSender {

    /** The statuses a webhook may be answered with; anything else (above all a 5xx other than 503) fails. */
    public static final Set<Integer> ALLOWED = Set.of(200, 400, 401, 403, 413, 415, 503);

    /** A signature (expected or given) would show as 64 hex digits. */
    private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-fA-F]{64}");

    private final HttpClient client;
    private final String secret;
    private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    public HttpFuzzSender(HttpClient client, String secret) {
        this.client = requireNonNull(client, "client is null");
        this.secret = requireNonNull(secret, "secret is null");
    }

    /** Sends case {@code number} and records the answer (a connection dropped on an oversized body is fine). */
    public void send(HttpRequest request, int number) {
        try {
            HttpResponse<String> response = sendRetryingClosedConnection(request);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (!ALLOWED.contains(response.statusCode())) {
                failures.add("request " + number + " answered " + response.statusCode() + ": " + response.body());
            }
            if (response.body().contains(secret) || HEX_DIGEST.matcher(response.body()).find()) {
                failures.add("request " + number + " answered with a secret or a signature");
            }
        } catch (IOException e) {
            // Jetty may close the connection on a body over the limit before the client finished sending it.
            if (request.headers().firstValue(HttpFuzzCases.OVERSIZED_HEADER).isEmpty()) {
                failures.add("request " + number + " failed: " + e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends, trying again (up to three times in all) when a kept-alive connection turned out closed before any
     * answer: the server closes idle connections and those it answered 413 on, and the client can pick such a
     * connection from its pool in that instant, even twice in a row on a loaded machine. Meta retries too.
     */
    private HttpResponse<String> sendRetryingClosedConnection(HttpRequest request)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt == 3 || !String.valueOf(e.getMessage()).contains("received no bytes")) {
                    throw e;
                }
            }
        }
    }

    /** Adds an answer obtained outside {@link #send} (e.g. a final valid request). */
    public void record(int status) {
        statuses.merge(status, 1, Integer::sum);
    }

    /** Answers so far by status, in status order. */
    public Map<Integer, Integer> statuses() {
        return new TreeMap<>(statuses);
    }

    /** Rules broken so far, one line each. */
    public List<String> failures() {
        return List.copyOf(failures);
    }
}
