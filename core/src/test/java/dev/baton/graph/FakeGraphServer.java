package dev.baton.graph;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A hand-written Graph API fake on a loopback port chosen by the OS: records every request, answers from
 * per-endpoint scripts (then a success default), and can enforce a sliding one-second rate limit with 613.
 */
final class FakeGraphServer implements AutoCloseable {

    record Received(String method, String path, String query, String authorization, String body) {
        String endpoint() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        String queryParameter(String name) {
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                String[] parts = pair.split("=", 2);
                if (parts[0].equals(name)) {
                    return java.net.URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    /** A scripted answer; {@code beforeAnswer} runs on the server thread first (to block or count). */
    record Answer(int status, String body, Runnable beforeAnswer) {
        static Answer ok(String body) {
            return new Answer(200, body, null);
        }

        static Answer error(int status, int code, int subcode, String message) {
            return new Answer(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":"
                    + code + ",\"error_subcode\":" + subcode + ",\"fbtrace_id\":\"Ftrace\"}}", null);
        }

        Answer before(Runnable action) {
            return new Answer(status, body, action);
        }
    }

    static {
        // The JDK server leaves Nagle's algorithm on, which adds ~40 ms to every answer on loopback.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final AtomicInteger messageIds = new AtomicInteger();
    private final Deque<Long> window = new ArrayDeque<>();
    private final AtomicInteger rejectedForRate = new AtomicInteger();
    private volatile int ratePerSecond;
    private volatile Function<Received, Answer> fallback;

    FakeGraphServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues answers for the endpoint (last path segment), used before the default. */
    FakeGraphServer script(String endpoint, Answer... answers) {
        scripts.computeIfAbsent(endpoint, e -> new ConcurrentLinkedDeque<>()).addAll(List.of(answers));
        return this;
    }

    FakeGraphServer fallback(Function<Received, Answer> answer) {
        this.fallback = answer;
        return this;
    }

    /** Answers 613 to any call beyond {@code perSecond} within the last second (sliding window). */
    FakeGraphServer enforceRate(int perSecond) {
        this.ratePerSecond = perSecond;
        return this;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Received> received(String endpoint) {
        return received.stream().filter(r -> r.endpoint().equals(endpoint)).toList();
    }

    int rejectedForRate() {
        return rejectedForRate.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"), body);
            received.add(request);
            Answer answer = overRate() ? Answer.error(400, 613, 0, "Calls to this api have exceeded the rate limit.")
                    : next(request);
            if (answer.beforeAnswer() != null) {
                answer.beforeAnswer().run();
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (timeout tests); nothing to answer
        }
    }

    private boolean overRate() {
        if (ratePerSecond <= 0) {
            return false;
        }
        synchronized (window) {
            long now = System.nanoTime();
            while (!window.isEmpty() && now - window.peekFirst() >= 1_000_000_000L) {
                window.removeFirst();
            }
            if (window.size() >= ratePerSecond) {
                rejectedForRate.incrementAndGet();
                return true;
            }
            window.addLast(now);
            return false;
        }
    }

    private Answer next(Received request) {
        Deque<Answer> script = scripts.get(request.endpoint());
        Answer scripted = script == null ? null : script.pollFirst();
        if (scripted != null) {
            return scripted;
        }
        if (fallback != null) {
            return fallback.apply(request);
        }
        if (request.endpoint().equals("messages")) {
            return Answer.ok("{\"recipient_id\":\"r\",\"message_id\":\"mid.fake." + messageIds.incrementAndGet() + "\"}");
        }
        return Answer.ok("{\"success\":true}");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
