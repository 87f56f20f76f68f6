package dev.baton.testkit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback pass-through in front of the emulator's Graph API that writes down every call and Meta's answer
 * to it, so a test can prove what the emulator saw: above all, that an app never had a send refused because
 * it did not own the thread. The deployment under test is pointed at {@link #baseUrl()} instead of the
 * emulator; requests and answers pass unchanged.
 *
 * <p>Access tokens are only used to tell which app called; they are not stored. Thread-safe.
 */
public final class GraphCallRecorder implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FORWARDED_HEADERS = List.of("Content-Type", "Authorization", "Accept");

    private final URI upstream;
    private final Map<String, String> appIdByToken;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final List<GraphCall> calls = new CopyOnWriteArrayList<>();

    private GraphCallRecorder(URI upstream, Map<String, String> appIdByToken, Clock clock) throws IOException {
        this.upstream = requireNonNull(upstream, "upstream is null");
        this.appIdByToken = Map.copyOf(requireNonNull(appIdByToken, "appIdByToken is null"));
        this.clock = requireNonNull(clock, "clock is null");
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "graph-call-recorder");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(executor).build();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    /**
     * Starts a recorder on a loopback port chosen by the OS.
     *
     * @param upstream     the emulator's base URL
     * @param appIdByToken each app's access token to its Meta app id
     * @param clock        stamps the calls (the emulator's clock, so they line up with its transcript)
     */
    public static GraphCallRecorder start(String upstream, Map<String, String> appIdByToken, Clock clock) {
        try {
            return new GraphCallRecorder(URI.create(upstream), appIdByToken, clock);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Graph call recorder", e);
        }
    }

    /** {@code http://127.0.0.1:port}, no trailing slash: the Graph base URL to give the deployment. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every call so far, in the order they were answered. */
    public List<GraphCall> calls() {
        return List.copyOf(calls);
    }

    public List<GraphCall> calls(String appId) {
        return calls.stream().filter(call -> call.appId().equals(appId)).toList();
    }

    /** The calls of {@code appId} Meta refused because the app did not own the thread. */
    public List<GraphCall> refusedAsNotOwner(String appId) {
        return calls(appId).stream().filter(GraphCall::refusedAsNotOwner).toList();
    }

    public void clear() {
        calls.clear();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI requested = exchange.getRequestURI();
            HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(requested.getRawPath()
                            + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery())))
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : FORWARDED_HEADERS) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            record(exchange, requested, body, answer);
            answer.headers().firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
            byte[] answerBody = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), answerBody.length == 0 ? -1 : answerBody.length);
            if (answerBody.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answerBody);
                }
            }
        }
    }

    private void record(HttpExchange exchange, URI requested, byte[] body, HttpResponse<byte[]> answer) {
        String token = GraphTokens.find(requested.getRawQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"), body);
        String appId = token == null ? "unknown" : appIdByToken.getOrDefault(token, "unknown");
        int code = 0;
        int subcode = 0;
        String message = null;
        if (answer.statusCode() >= 400) {
            try {
                JsonNode error = JSON.readTree(answer.body()).path("error");
                code = error.path("code").asInt(0);
                subcode = error.path("error_subcode").asInt(0);
                message = error.path("message").asText(null);
            } catch (IOException e) {
                message = "answer was not Meta's error envelope";
            }
        }
        calls.add(new GraphCall(appId, exchange.getRequestMethod(), requested.getPath(), answer.statusCode(), code,
                subcode, message, clock.instant()));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
