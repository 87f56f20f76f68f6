package dev.baton.emulator.testing;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEvent;
import dev.baton.webhook.SubscriptionCheck;
import dev.baton.webhook.WebhookParseException;
import dev.baton.webhook.WebhookParser;
import dev.baton.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in app endpoint on a loopback port chosen by the OS: answers Meta's subscription GET with core's
 * {@link SubscriptionCheck}, records every POST with its signatures checked by {@link WebhookSignature} and
 * its body parsed by {@link WebhookParser}, and answers 200 (or what {@link #answerWith} says). Thread-safe.
 */
public final class WebhookReceiver implements AutoCloseable {

    private final String appSecret;
    private final String verifyToken;
    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor;
    private final WebhookParser parser = new WebhookParser();
    private final List<ReceivedWebhook> received = new ArrayList<>();
    private final BlockingQueue<Integer> scriptedAnswers = new ArrayBlockingQueue<>(1000);
    private volatile int defaultStatus = 200;
    private volatile Duration answerDelay = Duration.ZERO;

    static {
        dev.baton.emulator.http.EmulatorServer.disableNagle();
    }

    private WebhookReceiver(String appSecret, String verifyToken) {
        this.appSecret = requireNonNull(appSecret, "appSecret is null");
        this.verifyToken = requireNonNull(verifyToken, "verifyToken is null");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        executor = java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
    }

    public static WebhookReceiver start(String appSecret, String verifyToken) {
        return new WebhookReceiver(appSecret, verifyToken);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhook");
    }

    /** Every later POST is answered with {@code status} (200 by default). */
    public void answerWith(int status) {
        defaultStatus = status;
    }

    /** The next POSTs are answered with these statuses, in order, then the default again. */
    public void answerNext(int... statuses) {
        for (int status : statuses) {
            scriptedAnswers.add(status);
        }
    }

    /** Every later POST waits this long before answering (to test the delivery timeout). */
    public void answerAfter(Duration delay) {
        answerDelay = requireNonNull(delay, "delay is null");
    }

    public synchronized List<ReceivedWebhook> received() {
        return List.copyOf(received);
    }

    /** Every event of every POST so far, in order. */
    public synchronized List<WebhookEvent> events() {
        return received.stream().filter(post -> post.batch() != null).flatMap(post -> post.batch().events().stream())
                .toList();
    }

    /** Waits until at least {@code count} POSTs arrived; returns all of them. */
    public synchronized List<ReceivedWebhook> awaitPosts(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " webhook POSTs, got " + received.size());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("GET")) {
                answerSubscription(exchange);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            boolean valid = WebhookSignature.verify(body, headers.get("x-hub-signature-256"), appSecret).isValid();
            boolean legacyValid = WebhookSignature.sha1Header(body, appSecret).equals(headers.get("x-hub-signature"));
            WebhookBatch batch;
            try {
                batch = parser.parse(body);
            } catch (WebhookParseException e) {
                batch = null;
            }
            sleep(answerDelay);
            Integer scripted = scriptedAnswers.poll();
            record(new ReceivedWebhook(headers, body, valid, legacyValid, batch));
            int status = !valid ? 403 : scripted != null ? scripted : defaultStatus;
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private synchronized void record(ReceivedWebhook webhook) {
        received.add(webhook);
        notifyAll();
    }

    private void answerSubscription(HttpExchange exchange) throws IOException {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(java.net.URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        var answer = SubscriptionCheck.answer(query.get("hub.mode"), query.get("hub.verify_token"),
                query.get("hub.challenge"), verifyToken);
        byte[] bytes = answer.orElse("").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.isPresent() ? 200 : 403, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
