package dev.baton.benchmarks.graph;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback Send API that enforces "{@code limit} calls per second" in its strictest reading: a sliding
 * one-second window over arrival times. Calls over the limit get Meta's 613 envelope.
 */
final class RateLimitedFakeGraph implements AutoCloseable {

    private static final byte[] OK = "{\"recipient_id\":\"1\",\"message_id\":\"mid.bench\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LIMITED = ("{\"error\":{\"message\":\"Calls to this api have exceeded the rate limit.\","
            + "\"type\":\"OAuthException\",\"code\":613,\"fbtrace_id\":\"bench\"}}").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final ArrayDeque<Long> window = new ArrayDeque<>();
    private final int limit;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private long lastArrival;
    private long longestPause;

    static {
        // The JDK server leaves Nagle's algorithm on, which adds ~40 ms to every answer on loopback.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    RateLimitedFakeGraph(int limit) throws IOException {
        this.limit = limit;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long accepted() {
        return accepted.get();
    }

    long rejected() {
        return rejected.get();
    }

    /**
     * The longest time without any arrival since the last call (then starts over): a stall of the whole
     * process or machine, which no limiter can make up for, shows here.
     */
    long takeLongestPauseMillis() {
        synchronized (window) {
            long pause = longestPause;
            longestPause = 0;
            return pause / 1_000_000;
        }
    }

    private boolean admit() {
        synchronized (window) {
            long now = System.nanoTime();
            if (lastArrival != 0) {
                longestPause = Math.max(longestPause, now - lastArrival);
            }
            lastArrival = now;
            while (!window.isEmpty() && now - window.peekFirst() >= 1_000_000_000L) {
                window.removeFirst();
            }
            if (window.size() >= limit) {
                return false;
            }
            window.addLast(now);
            return true;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            boolean ok = admit();
            (ok ? accepted : rejected).incrementAndGet();
            byte[] body = ok ? OK : LIMITED;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(ok ? 200 : 400, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
