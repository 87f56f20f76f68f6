package dev.baton.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback round-robin load balancer in front of the instances: each request goes to the next backend;
 * a backend that refuses the connection or does not answer is skipped for that request (as a balancer's
 * passive health check would), and 502 comes back only when none answers. Status, body and the
 * {@code Retry-After} header pass through. For tests and benchmarks of a Page on several instances (the
 * emulator delivers to {@link #uri}; instances come and go with {@link #add} and {@link #remove}).
 */
public final class RoundRobinBalancer implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final List<URI> backends = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(16);

    public RoundRobinBalancer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::forward);
        server.setExecutor(executor);
        server.start();
    }

    /** The balancer's address with {@code path}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public void add(URI backend) {
        backends.add(backend);
    }

    public void remove(URI backend) {
        backends.remove(backend);
    }

    private void forward(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        List<URI> now = List.copyOf(backends);
        int start = Math.floorMod(next.getAndIncrement(), Math.max(1, now.size()));
        for (int i = 0; i < now.size(); i++) {
            URI backend = now.get((start + i) % now.size());
            HttpRequest.Builder request = HttpRequest.newBuilder(backend.resolve(exchange.getRequestURI().toString()))
                    .timeout(Duration.ofSeconds(10))
                    .method(exchange.getRequestMethod(), body.length == 0 && exchange.getRequestMethod().equals("GET")
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("Content-Type", "X-Hub-Signature-256", "X-Hub-Signature")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException down) {
                continue; // next backend
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            response.headers().firstValue("Retry-After").ifPresent(value ->
                    exchange.getResponseHeaders().add("Retry-After", value));
            response.headers().firstValue("Content-Type").ifPresent(value ->
                    exchange.getResponseHeaders().add("Content-Type", value));
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
            return;
        }
        exchange.sendResponseHeaders(502, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // its threads are not daemons: left running they would keep a JVM alive
    }
}
