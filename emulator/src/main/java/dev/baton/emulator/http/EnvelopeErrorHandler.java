package dev.baton.emulator.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answers to requests it refuses itself (bad request line, URI or headers; 413/414/431) in the
 * emulator's envelopes instead of an HTML page: Meta's Graph envelope, or the control API's, by path.
 */
final class EnvelopeErrorHandler extends ErrorHandler {

    private final ObjectMapper mapper;

    EnvelopeErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        boolean control = path != null && (path.startsWith("/_emulator/") || path.equals("/_emulator"));
        byte[] bytes = mapper.writeValueAsBytes(GraphEnvelope.refused(code, control).json());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, EmulatorServer.JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
