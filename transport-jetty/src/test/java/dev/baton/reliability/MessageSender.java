package dev.baton.reliability;

import dev.baton.webhook.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Plays Meta for a few conversations: sends signed batches of one to three messages, one conversation's
 * messages strictly in order, and retries a batch until it gets a 200 (as Meta does when the endpoint is
 * down, answers 503, or the answer was lost to a crash). Records the mids of every batch answered 200.
 */
public final class MessageSender implements Runnable {

    private final HttpClient client;
    private final Supplier<URI> endpoint;
    private final String secret;
    private final String pageId;
    private final List<String> users;
    private final Random random;
    private final Queue<String> acknowledged;
    private final int[] nextSeq;
    private final Duration pause;
    private volatile boolean stopping;

    public MessageSender(HttpClient client, Supplier<URI> endpoint, String secret, String pageId, List<String> users,
            long seed, Queue<String> acknowledged) {
        this(client, endpoint, secret, pageId, users, seed, acknowledged, Duration.ZERO);
    }

    /** {@code pause}: how long to wait after each acknowledged batch (zero: send the next at once). */
    public MessageSender(HttpClient client, Supplier<URI> endpoint, String secret, String pageId, List<String> users,
            long seed, Queue<String> acknowledged, Duration pause) {
        this.pause = pause;
        this.client = client;
        this.endpoint = endpoint;
        this.secret = secret;
        this.pageId = pageId;
        this.users = List.copyOf(users);
        this.random = new Random(seed);
        this.acknowledged = acknowledged;
        this.nextSeq = new int[users.size()];
    }

    /** Finish the batch in hand (until it is acknowledged), then stop. */
    public void stop() {
        stopping = true;
    }

    public static String mid(String user, int seq) {
        return "m-" + user + "-" + seq;
    }

    @Override
    public void run() {
        while (!stopping) {
            int index = random.nextInt(users.size());
            String user = users.get(index);
            List<String> mids = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                mids.add(mid(user, nextSeq[index]++));
            }
            byte[] body = batch(user, mids);
            String signature = WebhookSignature.sha256Header(body, secret);
            while (!deliver(body, signature)) {
                pause();
            }
            acknowledged.addAll(mids);
            if (!pause.isZero()) {
                sleep(pause.toMillis());
            }
        }
    }

    private boolean deliver(byte[] body, String signature) {
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(endpoint.get())
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("X-Hub-Signature-256", signature).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException down) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pause() {
        sleep(25);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] batch(String user, List<String> mids) {
        // Stamped now, as Meta does: the deployment reads the person's 24-hour window from these.
        long now = System.currentTimeMillis();
        StringBuilder json = new StringBuilder("{\"object\":\"page\",\"entry\":[{\"id\":\"").append(pageId)
                .append("\",\"time\":").append(now).append(",\"messaging\":[");
        for (int i = 0; i < mids.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"sender\":{\"id\":\"").append(user).append("\"},\"recipient\":{\"id\":\"").append(pageId)
                    .append("\"},\"timestamp\":").append(now + i).append(",\"message\":{\"mid\":\"")
                    .append(mids.get(i)).append("\",\"text\":\"hello ").append(i).append("\"}}");
        }
        return json.append("]}]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
