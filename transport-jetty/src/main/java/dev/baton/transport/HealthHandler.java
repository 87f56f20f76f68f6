package dev.baton.transport;

import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /health/live} (200 while the process serves HTTP) and {@code /health/ready} (200 only while the
 * deployment is ready and the server is not draining, else 503), for a load balancer or orchestrator.
 */
final class HealthHandler extends Handler.Abstract.NonBlocking {

    private final BooleanSupplier ready;

    HealthHandler(BooleanSupplier ready) {
        this.ready = ready;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        boolean live = path.equals("/health/live");
        if (!live && !path.equals("/health/ready")) {
            return false;
        }
        if (!request.getMethod().equals("GET")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            Answers.error(response, callback, 405, "method not allowed");
        } else if (live) {
            Answers.write(response, callback, 200, Answers.JSON, "{\"status\":\"live\"}");
        } else if (ready.getAsBoolean()) {
            Answers.write(response, callback, 200, Answers.JSON, "{\"status\":\"ready\"}");
        } else {
            Answers.write(response, callback, 503, Answers.JSON, "{\"status\":\"not ready\"}");
        }
        return true;
    }
}
