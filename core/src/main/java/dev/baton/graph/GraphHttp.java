package dev.baton.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.config.GraphSettings;
import dev.baton.graph.error.ErrorClassifier;
import dev.baton.graph.error.GraphTransportException;
import dev.baton.graph.error.MetaError;
import dev.baton.graph.error.OtherGraphException;
import dev.baton.graph.error.SendTimedOutException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP exchange with the Graph API: URL from the settings' base URL and version, the token in an
 * {@code Authorization: Bearer} header (never in the URL, so it cannot end up in an access log), the
 * {@code appsecret_proof} query parameter when the app secret is known, Meta's error envelope turned into
 * the typed family. No retries here. Thread-safe; one instance (and one {@link HttpClient}, keep-alive)
 * per Page deployment.
 *
 * <p>HTTP/2 is asked for over https (ALPN); plain-http base URLs (loopback fakes, the emulator) use
 * HTTP/1.1, because the h2c upgrade dance adds nothing there.
 */
public final class GraphHttp {

    private static final Logger log = LoggerFactory.getLogger(GraphHttp.class);

    private final GraphSettings settings;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final HttpClient client;
    private final String urlPrefix;
    private final java.util.concurrent.ConcurrentHashMap<GraphCredentials, String> proofs =
            new java.util.concurrent.ConcurrentHashMap<>();

    public GraphHttp(GraphSettings settings, ObjectMapper mapper, MeterRegistry registry) {
        this.settings = settings;
        this.mapper = mapper;
        this.registry = registry;
        this.urlPrefix = settings.baseUrl().replaceAll("/+$", "") + "/" + settings.version() + "/";
        boolean tls = settings.baseUrl().startsWith("https:");
        this.client = HttpClient.newBuilder()
                .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Makes one call. {@code endpoint} is the short name used in metrics and errors ({@code messages},
     * {@code thread_owner}...); {@code body} null means GET.
     */
    public JsonNode call(GraphCredentials credentials, String endpoint, String path, Map<String, String> query,
            JsonNode body) {
        return call(credentials, endpoint, path, query, body, () -> { });
    }

    /**
     * Makes one call and runs {@code answered} as soon as Meta's status line and headers arrive, on the HTTP
     * client's thread, before the body is read and the caller wakes: the rate limiter counts a call from its
     * answer, so every millisecond saved there is throughput.
     */
    public JsonNode call(GraphCredentials credentials, String endpoint, String path, Map<String, String> query,
            JsonNode body, Runnable answered) {
        return exchange(credentials, endpoint, body == null ? "GET" : "POST", path, query, body, answered);
    }

    /**
     * Makes one call with an explicit method ({@code GET}, {@code POST} or {@code DELETE}, the last with or without
     * a JSON body), for the setup calls ({@code subscribed_apps}, {@code messenger_profile}).
     */
    public JsonNode call(GraphCredentials credentials, String endpoint, String method, String path,
            Map<String, String> query, JsonNode body) {
        return exchange(credentials, endpoint, method, path, query, body, () -> { });
    }

    private JsonNode exchange(GraphCredentials credentials, String endpoint, String method, String path,
            Map<String, String> query, JsonNode body, Runnable answered) {
        Map<String, String> parameters = new LinkedHashMap<>(query);
        if (credentials.appSecret() != null) {
            // The proof depends only on the credentials: compute it once, not per call.
            parameters.put("appsecret_proof", proofs.computeIfAbsent(credentials,
                    c -> AppSecretProof.of(c.accessToken(), c.appSecret())));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path, parameters))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + credentials.accessToken())
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        Timer.Sample sample = Timer.start(registry);
        String outcome = "transport_error";
        try {
            HttpResponse<String> response = client.send(request.build(), info -> {
                answered.run();
                return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
            });
            outcome = response.statusCode() / 100 == 2 ? "success" : "meta_error";
            log.debug("{} {} answered HTTP {}", method, endpoint, response.statusCode());
            return answer(credentials, endpoint, response);
        } catch (HttpConnectTimeoutException e) {
            throw new GraphTransportException(endpoint, true, e);
        } catch (HttpTimeoutException e) {
            outcome = "timeout";
            throw new SendTimedOutException(endpoint, e);
        } catch (ConnectException e) {
            throw new GraphTransportException(endpoint, true, e);
        } catch (IOException e) {
            throw new GraphTransportException(endpoint, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphTransportException(endpoint, false, e);
        } finally {
            sample.stop(registry.timer("baton.graph.calls", "endpoint", endpoint, "outcome", outcome));
        }
    }

    private JsonNode answer(GraphCredentials credentials, String endpoint, HttpResponse<String> response) {
        JsonNode json = parse(response.body());
        JsonNode error = json == null ? null : json.get("error");
        if (response.statusCode() / 100 == 2 && error == null) {
            return json == null ? mapper.createObjectNode() : json;
        }
        if (error == null || !error.isObject()) {
            // No envelope (a proxy's page, say): we cannot tell whether Meta acted, so it is never retried.
            MetaError unknown = new MetaError(response.statusCode(), "HTTP " + response.statusCode()
                    + " without Meta's error envelope", null, -1, 0, null, null, null);
            countError(unknown);
            throw new OtherGraphException(endpoint, unknown);
        }
        MetaError metaError = new MetaError(response.statusCode(),
                redact(error.path("message").asText(""), credentials), text(error, "type"),
                error.path("code").asInt(0), error.path("error_subcode").asInt(0), text(error, "fbtrace_id"),
                redactOrNull(text(error, "error_user_title"), credentials),
                redactOrNull(text(error, "error_user_msg"), credentials));
        countError(metaError);
        throw ErrorClassifier.classify(endpoint, metaError);
    }

    private void countError(MetaError error) {
        registry.counter("baton.graph.errors", "code", Integer.toString(error.code()), "subcode",
                Integer.toString(error.subcode())).increment();
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private URI uri(String path, Map<String, String> parameters) {
        StringBuilder url = new StringBuilder(urlPrefix).append(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            url.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return URI.create(url.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Meta's texts are copied into exceptions and logs: make sure no credential rides along. */
    private static String redact(String text, GraphCredentials credentials) {
        String clean = text.replace(credentials.accessToken(), "****");
        return credentials.appSecret() == null ? clean : clean.replace(credentials.appSecret(), "****");
    }

    private static String redactOrNull(String text, GraphCredentials credentials) {
        return text == null ? null : redact(text, credentials);
    }
}
