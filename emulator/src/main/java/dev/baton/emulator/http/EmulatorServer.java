package dev.baton.emulator.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.EmulatorException;
import dev.baton.emulator.EmulatorOptions;
import dev.baton.emulator.delivery.WebhookEncoding;
import dev.baton.emulator.engine.GraphApiException;
import dev.baton.emulator.engine.GraphError;
import dev.baton.emulator.engine.RoutingEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JDK HTTP server for both APIs. Paths under {@code /_emulator/} go to the control API, all others to
 * the Graph API. Bodies are capped at 1 MiB. Requests run on a pool of daemon threads.
 */
public final class EmulatorServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);
    private static final int MAX_BODY_BYTES = 1 << 20;

    static {
        disableNagle();
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final GraphApi graphApi;
    private final ControlApi controlApi;
    private final ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final SecureRandom random = new SecureRandom();

    private EmulatorServer(HttpServer server, ExecutorService executor, GraphApi graphApi, ControlApi controlApi) {
        this.server = server;
        this.executor = executor;
        this.graphApi = graphApi;
        this.controlApi = controlApi;
    }

    public static EmulatorServer start(Emulator emulator, RoutingEngine engine, WebhookEncoding encoding,
                                       EmulatorOptions options) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port(), e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "emulator-http-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        EmulatorServer emulatorServer = new EmulatorServer(server, executor,
                new GraphApi(engine, emulator.faults(), options.graphCallsPerSecond(), options.deliveryTimeout()),
                new ControlApi(emulator, encoding));
        server.createContext("/", emulatorServer::handle);
        server.setExecutor(executor);
        server.start();
        return emulatorServer;
    }

    /**
     * The JDK server leaves Nagle's algorithm on unless this property says otherwise, and small answers then
     * wait for the client's delayed ACK: about 40 ms per call on loopback (measured: 290 against 1,030 sends/s).
     * The server reads the property once per JVM, so it is set before the first server starts, unless the
     * user set it.
     */
    public static void disableNagle() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpAnswer answer;
            String path = exchange.getRequestURI().getRawPath();
            boolean control = path.startsWith("/_emulator/") || path.equals("/_emulator");
            try {
                HttpCall call = read(exchange);
                answer = control ? controlApi.handle(call) : graphApi.handle(call);
            } catch (GraphApiException e) {
                answer = graphError(e.error());
            } catch (EmulatorException e) {
                answer = HttpAnswer.error(e.httpStatus(), e.getMessage());
            } catch (IllegalArgumentException e) {
                // Bad input that failed deeper down (a malformed %-escape, a value a record refused).
                answer = control ? HttpAnswer.error(400, e.getMessage())
                        : graphError(GraphError.invalidParameter(String.valueOf(e.getMessage())));
            } catch (RuntimeException e) {
                LOG.warn("emulator request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                answer = HttpAnswer.error(500, "internal error: " + e.getClass().getSimpleName());
            }
            write(exchange, answer);
        }
    }

    private HttpAnswer graphError(GraphError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", error.message());
        body.put("type", error.type());
        body.put("code", error.code());
        if (error.subcode() != 0) {
            body.put("error_subcode", error.subcode());
        }
        if (error.code() == 2) {
            body.put("is_transient", true);
        }
        byte[] trace = new byte[8];
        random.nextBytes(trace);
        body.put("fbtrace_id", Base64.getUrlEncoder().withoutPadding().encodeToString(trace));
        return new HttpAnswer(error.httpStatus(), Map.of("error", body));
    }

    private static HttpCall read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new EmulatorException(413, "request body over 1 MiB");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return new HttpCall(exchange.getRequestMethod().toUpperCase(Locale.ROOT), exchange.getRequestURI().getRawPath(),
                HttpCall.parseForm(exchange.getRequestURI().getRawQuery()), headers, body);
    }

    private void write(HttpExchange exchange, HttpAnswer answer) throws IOException {
        int status = answer.status();
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(answer.json() == null ? Map.of() : answer.json());
        } catch (IOException e) {
            LOG.warn("emulator answer for {} could not be written", exchange.getRequestURI().getPath(), e);
            status = 500;
            bytes = "{\"error\":{\"message\":\"internal error: answer not serializable\"}}".getBytes(UTF_8);
        }
        exchange.getResponseHeaders().put("Content-Type", List.of("application/json; charset=UTF-8"));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
