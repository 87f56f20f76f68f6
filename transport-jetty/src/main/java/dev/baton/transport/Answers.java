package dev.baton.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes the server's small answers. Every body is built here, so none can carry a stack trace. */
final class Answers {

    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    // Encoded once: every answer carries them.
    private static final HttpField JSON_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, JSON);
    private static final HttpField TEXT_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, TEXT);
    private static final HttpField NO_SNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    private static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");

    private Answers() {}

    /** {@code {"error": message}} with the given status. */
    static void error(Response response, Callback callback, int status, String message) {
        write(response, callback, status, JSON, errorJson(message));
    }

    static void text(Response response, Callback callback, int status, String text) {
        write(response, callback, status, TEXT, text);
    }

    static void write(Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(contentType.equals(JSON) ? JSON_TYPE : contentType.equals(TEXT) ? TEXT_TYPE
                : new HttpField(HttpHeader.CONTENT_TYPE, contentType));
        // The subscription challenge is echoed back: make sure no browser ever treats it as markup.
        headers.put(NO_SNIFF);
        headers.put(NO_STORE);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    static String errorJson(String message) {
        StringBuilder json = new StringBuilder(message.length() + 16).append("{\"error\":\"");
        appendEscaped(json, message);
        return json.append("\"}").toString();
    }

    private static void appendEscaped(StringBuilder json, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
    }
}
