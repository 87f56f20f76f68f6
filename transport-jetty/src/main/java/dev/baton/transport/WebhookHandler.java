package dev.baton.transport;

import dev.baton.server.WebhookAnswer;
import dev.baton.server.WebhookEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code /webhooks/{app-name}}: GET answers Meta's subscription check, POST takes a batch. Everything that
 * can be refused without the body (unknown app, method, content type, declared length, overload) is refused
 * before a byte of it is read. The POST answer is written when the endpoint's future completes, so no
 * thread waits for the journal.
 *
 * <p>Declared non-blocking, as it is (read the body on demand, verify, parse, start the append, return; see
 * {@code WebhookEndpoint}): Jetty then runs a request on the thread that read it instead of handing every
 * request to another pool thread, which on a small machine is a context switch per webhook. The server's
 * other handlers that run foreign code (app endpoints, the metrics scrape) hand it to the pool themselves.
 */
final class WebhookHandler extends Handler.Abstract.NonBlocking {

    static final String PREFIX = "/webhooks/";

    private final WebhookEndpoint endpoint;
    private final ServerOptions options;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Runnable onLateBody;

    /** {@code onLateBody} counts a request whose body kept arriving after it had been answered. */
    WebhookHandler(WebhookEndpoint endpoint, ServerOptions options, Runnable onLateBody) {
        this.endpoint = endpoint;
        this.options = options;
        this.onLateBody = onLateBody;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        String appName = path.substring(PREFIX.length());
        if (appName.isEmpty() || appName.indexOf('/') >= 0 || !endpoint.hosts(appName)) {
            refuse(request, response, callback, 404, "unknown app");
            return true;
        }
        switch (request.getMethod()) {
            case "GET" -> answerSubscription(appName, request, response, callback);
            case "POST" -> acceptBatch(appName, request, response, callback);
            default -> {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, POST");
                refuse(request, response, callback, 405, "method not allowed");
            }
        }
        return true;
    }

    private void answerSubscription(String appName, Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        WebhookAnswer answer = endpoint.verifySubscription(appName, query.getValue("hub.mode"),
                query.getValue("hub.verify_token"), query.getValue("hub.challenge"));
        if (answer.status() == 200) {
            Answers.text(response, callback, 200, answer.message());
        } else {
            Answers.error(response, callback, answer.status(), answer.message());
        }
    }

    private void acceptBatch(String appName, Request request, Response response, Callback callback) {
        if (!isJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
            refuse(request, response, callback, 415, "content type must be application/json");
            return;
        }
        if (request.getLength() > options.maxBodyBytes()) {
            tooLarge(response, callback);
            return;
        }
        if (inFlight.incrementAndGet() > options.maxQueuedRequests()) {
            inFlight.decrementAndGet();
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            overloaded(response, callback);
            return;
        }
        String signature = request.getHeaders().get("X-Hub-Signature-256");
        new WebhookExchange(endpoint, appName, signature, request, response, callback, options, inFlight::decrementAndGet,
                onLateBody).start();
    }

    /**
     * Answers without reading the body. When there is one, the connection is closed after the answer: telling
     * the client so beats letting it race Jetty closing a connection with unread bytes on it.
     */
    private static void refuse(Request request, Response response, Callback callback, int status, String message) {
        if (request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        Answers.error(response, callback, status, message);
    }

    void overloaded(Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(options.retryAfterSeconds()));
        Answers.error(response, callback, 503, "overloaded, retry later");
    }

    static void tooLarge(Response response, Callback callback) {
        // The rest of the body is not wanted: close rather than read it to keep the connection.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        Answers.error(response, callback, 413, "request body too large");
    }

    /** {@code application/json}, with an optional UTF-8 charset (JSON has no other encoding, RFC 8259). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        if (contentType.equalsIgnoreCase("application/json")) {
            return true; // what Meta sends: no need to split parameters
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
            if (parameter.startsWith("charset=") && !parameter.replace("\"", "").equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }
}
