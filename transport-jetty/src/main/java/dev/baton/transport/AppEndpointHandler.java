package dev.baton.transport;

import dev.baton.server.HostedDeployment;
import dev.baton.server.AppEndpointRoute;
import dev.baton.spi.AppEndpointRequest;
import dev.baton.spi.AppEndpointResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /apps/{app-name}/...}: hands the request (rest of the path, headers, body within the body limit) to
 * the app's own endpoint and writes its answer as is. No authentication is added here: the SPI makes that the
 * app's job. A failing endpoint answers a bare 500.
 *
 * <p>Declared non-blocking so that the server's webhook path stays non-blocking (see {@link WebhookHandler}):
 * the app's code, which may block, runs on a pool thread of its own once the body is in.
 */
final class AppEndpointHandler extends Handler.Abstract.NonBlocking {

    static final String PREFIX = "/apps/";
    private static final Logger LOG = LoggerFactory.getLogger(AppEndpointHandler.class);

    private final HostedDeployment deployment;
    private final ServerOptions options;

    AppEndpointHandler(HostedDeployment deployment, ServerOptions options) {
        this.deployment = deployment;
        this.options = options;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String appName = slash < 0 ? rest : rest.substring(0, slash);
        String subPath = slash < 0 ? "/" : rest.substring(slash);
        Optional<AppEndpointRoute> route = appName.isEmpty() ? Optional.empty() : deployment.appRoute(appName);
        if (route.isEmpty()) {
            Answers.error(response, callback, 404, "not found");
            return true;
        }
        if (request.getLength() > options.maxBodyBytes()) {
            WebhookHandler.tooLarge(response, callback);
            return true;
        }
        // Answered only once the read ends, so it is never abandoned: no late body to count.
        BoundedBodyReader.read(request, options.maxBodyBytes(), () -> {}).result().whenComplete((body, failure) -> {
            if (failure != null) {
                answerReadFailure(failure, response, callback);
            } else {
                AppEndpointRequest appRequest = new AppEndpointRequest(request.getMethod(), subPath, headers(request), body);
                try {
                    request.getComponents().getExecutor().execute(
                            () -> call(route.get(), appName, appRequest, response, callback));
                } catch (RejectedExecutionException e) {
                    Answers.error(response, callback, 503, "temporarily unavailable");
                }
            }
        });
        return true;
    }

    private static void call(AppEndpointRoute route, String appName, AppEndpointRequest request, Response response,
            Callback callback) {
        AppEndpointResponse answer;
        try {
            answer = route.handle(request);
        } catch (RuntimeException e) {
            LOG.warn("endpoint of app {} failed on {}", appName, request, e);
            Answers.error(response, callback, 500, "internal error");
            return;
        }
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    private static void answerReadFailure(Throwable failure, Response response, Callback callback) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof BodyTooLargeException) {
            WebhookHandler.tooLarge(response, callback);
        } else if (cause instanceof TimeoutException) {
            Answers.error(response, callback, 408, "request body not received in time");
        } else {
            Answers.error(response, callback, 400, "request body could not be read");
        }
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getLowerCaseName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }
}
