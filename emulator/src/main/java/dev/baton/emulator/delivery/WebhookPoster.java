package dev.baton.emulator.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.baton.emulator.DeliveryRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Makes one webhook POST and records how the app answered. Thread-safe. */
final class WebhookPoster {

    private static final int MAX_ANSWER_CHARS = 2000;

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;
    private final DeliveryLog log;

    WebhookPoster(HttpClient client, Duration timeout, Clock clock, DeliveryLog log) {
        this.client = client;
        this.timeout = timeout;
        this.clock = clock;
        this.log = log;
    }

    DeliveryRecord post(String appId, URI url, Map<String, String> headers, byte[] body, int attempt)
            throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        int status = 0;
        String answer = null;
        String failure = null;
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
            status = response.statusCode();
            answer = truncate(response.body());
            if (status < 200 || status > 299) {
                failure = "answered HTTP " + status;
            }
        } catch (HttpTimeoutException e) {
            failure = "no answer within " + timeout.toMillis() + " ms";
        } catch (IOException e) {
            failure = "connection failed: " + e.getClass().getSimpleName();
        }
        long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
        DeliveryRecord record = new DeliveryRecord(log.nextSequence(), appId, url, attempt, headers,
                new String(body, UTF_8), status, answer, failure, clock.instant(), took);
        log.add(record);
        return record;
    }

    /** A POST that an injected fault failed before it was made: recorded as the app not answering. */
    DeliveryRecord failByFault(String appId, URI url, Map<String, String> headers, byte[] body, int attempt) {
        DeliveryRecord record = new DeliveryRecord(log.nextSequence(), appId, url, attempt, headers,
                new String(body, UTF_8), 0, null, "injected fault: delivery failed", clock.instant(), 0);
        log.add(record);
        return record;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ANSWER_CHARS ? text : text.substring(0, MAX_ANSWER_CHARS);
    }
}
