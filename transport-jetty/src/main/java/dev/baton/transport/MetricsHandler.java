package dev.baton.transport;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /metrics}: the registry in the Prometheus text format (version 0.0.4). The scrape runs on a pool
 * thread, so the handler can be declared non-blocking (see {@link WebhookHandler}).
 */
final class MetricsHandler extends Handler.Abstract.NonBlocking {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    MetricsHandler(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!Request.getPathInContext(request).equals("/metrics")) {
            return false;
        }
        if (!request.getMethod().equals("GET")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            Answers.error(response, callback, 405, "method not allowed");
            return true;
        }
        try {
            request.getComponents().getExecutor().execute(
                    () -> Answers.write(response, callback, 200, CONTENT_TYPE, registry.scrape()));
        } catch (RejectedExecutionException e) {
            Answers.error(response, callback, 503, "temporarily unavailable");
        }
        return true;
    }
}
