package dev.baton.emulator.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.EmulatorException;
import dev.baton.emulator.EmulatorOptions;
import dev.baton.emulator.EmulatorTls;
import dev.baton.emulator.console.ConsoleHandler;
import dev.baton.emulator.delivery.WebhookEncoding;
import dev.baton.emulator.GraphCall;
import dev.baton.emulator.engine.GraphApiException;
import dev.baton.emulator.engine.GraphError;
import dev.baton.emulator.engine.RoutingEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP server for both APIs. Paths under {@code /_emulator/} go to the control API, all others to the
 * Graph API. Bodies are capped at 1 MiB ({@code multipart/form-data} uploads at 25 MiB, Meta's attachment
 * limit). Requests run on a pool of daemon threads.
 *
 * <p>The server is Jetty 12 (core, no servlets), for three things the JDK's server cannot do: every request
 * it refuses itself (a malformed URL or query string, oversized headers) gets an envelope rather than an HTML
 * page ({@link EnvelopeErrorHandler}); {@code multipart/form-data} is parsed by Jetty's parser; and HTTPS
 * with a keystore. No Jetty type leaves this package.
 */
public final class EmulatorServer implements AutoCloseable {

    static final String JSON = "application/json; charset=UTF-8";
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final int MAX_MULTIPART_BYTES = 25 * (1 << 20) + (1 << 16);

    private final Server server;
    private final ServerConnector connector;
    private final GraphApi graphApi;
    private final ControlApi controlApi;
    private final ConsoleBridge console;
    private final ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private EmulatorServer(EmulatorOptions options, GraphApi graphApi, ControlApi controlApi, ConsoleBridge console) {
        this.graphApi = graphApi;
        this.controlApi = controlApi;
        this.console = console;
        QueuedThreadPool threads = new QueuedThreadPool(256, 4);
        threads.setName("emulator-http");
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        this.connector = new ServerConnector(server, connectionFactories(http, options.tls()));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        server.setErrorHandler(new EnvelopeErrorHandler(mapper));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                EmulatorServer.this.handle(request, response, callback);
                return true;
            }
        });
        server.setStopTimeout(0);
    }

    public static EmulatorServer start(Emulator emulator, RoutingEngine engine, WebhookEncoding encoding,
                                       EmulatorOptions options, ConsoleHandler console) {
        EmulatorServer emulatorServer = new EmulatorServer(options,
                new GraphApi(engine, emulator.faults(), options.graphCallsPerSecond(), options.deliveryTimeout()),
                new ControlApi(emulator, encoding), new ConsoleBridge(console));
        try {
            emulatorServer.server.start();
        } catch (Exception e) {
            emulatorServer.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port(), io);
            }
            throw new IllegalStateException("cannot start the emulator's HTTP server on " + options.host() + ":"
                    + options.port() + ": " + e.getMessage(), e);
        }
        return emulatorServer;
    }

    private static ConnectionFactory[] connectionFactories(HttpConfiguration http, EmulatorTls tls) {
        if (tls == null) {
            return new ConnectionFactory[] {new HttpConnectionFactory(http)};
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(new String(tls.password()));
        // Clients reach the emulator as 127.0.0.1 as often as localhost; neither SNI nor its match is required.
        SecureRequestCustomizer secure = new SecureRequestCustomizer(false, -1, false);
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        return new ConnectionFactory[] {new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http)};
    }

    /**
     * The JDK server leaves Nagle's algorithm on unless this property says otherwise, and small answers then
     * wait for the client's delayed ACK: about 40 ms per call on loopback. The emulator's own server is Jetty
     * (no delay by default); {@link dev.baton.emulator.testing.WebhookReceiver} still uses the JDK's, so the
     * property is set before it starts, unless the user set it.
     */
    public static void disableNagle() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Graph calls for {@code pageId} answered with code 613 (over the Page's rate limit) so far. */
    public long rateLimitedCalls(String pageId) {
        return graphApi.rateLimitedCalls(pageId);
    }

    public int port() {
        return connector.getLocalPort();
    }

    private void handle(Request request, Response response, Callback callback) {
        if (console.handle(request, response, callback)) {
            return;
        }
        String path = request.getHttpURI().getPath();
        boolean control = path.startsWith("/_emulator/") || path.equals("/_emulator");
        HttpAnswer answer;
        try {
            HttpCall call = read(request);
            answer = control ? controlApi.handle(call) : graphApi.handle(call);
        } catch (GraphApiException e) {
            answer = GraphEnvelope.of(e.error());
        } catch (EmulatorException e) {
            answer = control || e.httpStatus() != 413 ? HttpAnswer.error(e.httpStatus(), e.getMessage())
                    : GraphEnvelope.refused(413, false);
        } catch (IllegalArgumentException e) {
            // Bad input that failed deeper down (a malformed %-escape, a value a record refused).
            answer = control ? HttpAnswer.error(400, e.getMessage())
                    : GraphEnvelope.of(GraphError.invalidParameter(String.valueOf(e.getMessage())));
        } catch (IOException e) {
            answer = control ? HttpAnswer.error(400, "the request body could not be read")
                    : GraphEnvelope.refused(400, false);
        } catch (RuntimeException e) {
            LOG.warn("emulator request {} {} failed", request.getMethod(), path, e);
            answer = HttpAnswer.error(500, "internal error: " + e.getClass().getSimpleName());
        }
        write(request, response, callback, answer);
    }

    /** The Graph API calls answered so far, in order of arrival. */
    public List<GraphCall> graphCalls() {
        return graphApi.calls();
    }

    private static HttpCall read(Request request) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), field.getValue());
        }
        String contentType = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        int limit = contentType.startsWith("multipart/form-data") ? MAX_MULTIPART_BYTES : MAX_BODY_BYTES;
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(limit + 1);
        }
        if (body.length > limit) {
            throw new EmulatorException(413, "request body over " + (limit >> 20) + " MiB");
        }
        return new HttpCall(request.getMethod().toUpperCase(Locale.ROOT), request.getHttpURI().getPath(),
                HttpCall.parseForm(request.getHttpURI().getQuery()), headers, body);
    }

    private void write(Request request, Response response, Callback callback, HttpAnswer answer) {
        int status = answer.status();
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(answer.json() == null ? Map.of() : answer.json());
        } catch (IOException e) {
            LOG.warn("emulator answer for {} could not be written", request.getHttpURI().getPath(), e);
            status = 500;
            bytes = "{\"error\":{\"message\":\"internal error: answer not serializable\"}}".getBytes(UTF_8);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("emulator HTTP server did not stop cleanly", e);
        }
    }
}
