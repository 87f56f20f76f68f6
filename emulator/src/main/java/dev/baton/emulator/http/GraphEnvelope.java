package dev.baton.emulator.http;

import dev.baton.emulator.engine.GraphError;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Meta's error envelope, {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}, for a Graph error. */
final class GraphEnvelope {

    private static final SecureRandom RANDOM = new SecureRandom();

    private GraphEnvelope() {}

    static HttpAnswer of(GraphError error) {
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
        RANDOM.nextBytes(trace);
        body.put("fbtrace_id", Base64.getUrlEncoder().withoutPadding().encodeToString(trace));
        return new HttpAnswer(error.httpStatus(), Map.of("error", body));
    }

    /**
     * A request the HTTP layer refused before any API saw it (a malformed request line, URL or header, a body
     * too large). Meta answers such requests with its envelope too, so clients parse one shape for every error.
     * The text names only the HTTP status: the request itself may hold a token.
     */
    static HttpAnswer refused(int status, boolean control) {
        String why = switch (status) {
            case 400 -> "the request could not be read (malformed request line, URL, query string or header)";
            case 413 -> "the request body is too large";
            case 414 -> "the request URL is too long";
            case 431 -> "the request headers are too large";
            case 505 -> "the HTTP version is not supported";
            default -> "the request was refused (HTTP " + status + ")";
        };
        if (control) {
            return HttpAnswer.error(status, why);
        }
        int httpStatus = status >= 400 && status < 600 ? status : 400;
        return of(new GraphError(httpStatus, 100, 0, "OAuthException", "(#100) Invalid request: " + why));
    }
}
