package dev.baton.spi;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/** An {@link AppEndpoint}'s answer: status, content type and body, written as they are. */
public record AppEndpointResponse(int status, String contentType, byte[] body) {

    public AppEndpointResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100 to 599, got " + status);
        }
        requireNonNull(contentType, "contentType is null");
        body = requireNonNull(body, "body is null").clone();
    }

    /** A JSON answer (UTF-8). */
    public static AppEndpointResponse json(int status, String json) {
        return new AppEndpointResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
