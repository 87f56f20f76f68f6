package dev.baton.emulator.http;

import dev.baton.emulator.console.ConsoleHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The console's requests on Jetty: whole answers written at once, the live feed as a blocking stream. */
final class ConsoleBridge {

    private final ConsoleHandler console;

    ConsoleBridge(ConsoleHandler console) {
        this.console = console;
    }

    /** Answers a console request; false when the path is not the console's. */
    boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (!ConsoleHandler.handles(path)) {
            return false;
        }
        String method = request.getMethod();
        if (path.equals(ConsoleHandler.EVENTS) && method.equals("GET")) {
            response.setStatus(200);
            ConsoleHandler.streamHeaders().forEach((name, value) -> response.getHeaders().put(name, value));
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                console.stream(out);
            } catch (IOException e) {
                // The browser went away.
            }
            callback.succeeded();
            return true;
        }
        ConsoleHandler.Answer answer = console.answer(method, path);
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        boolean head = method.equals("HEAD");
        response.getHeaders().put("Content-Length", head ? 0 : answer.body().length);
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(answer.body()), callback);
        return true;
    }
}
