package dev.baton.emulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain java.net.http calls to the emulator, answers parsed as JSON. */
final class HttpJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    record Answer(int status, JsonNode json) {
        int errorCode() {
            return json.path("error").path("code").asInt();
        }

        int errorSubcode() {
            return json.path("error").path("error_subcode").asInt();
        }

        String errorMessage() {
            return json.path("error").path("message").asText();
        }
    }

    private final HttpClient client;
    private final String baseUrl;

    HttpJson(String baseUrl) {
        this(baseUrl, null);
    }

    /** With {@code sslContext} (may be null) for an emulator serving HTTPS. */
    HttpJson(String baseUrl, javax.net.ssl.SSLContext sslContext) {
        this.baseUrl = baseUrl;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.client = builder.build();
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    Answer post(String path, Object body) {
        String json;
        try {
            json = body instanceof String text ? text : MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, UTF_8)));
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(UTF_8));
            String body = response.body();
            return new Answer(response.statusCode(), body.isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
