package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphCallRecorderTest {

    private HttpServer upstream;
    private GraphCallRecorder recorder;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Answers like Meta: the owner's send succeeds, anyone else's is refused with 10/2018300.
        upstream.createContext("/", exchange -> {
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            boolean owner = query.contains("access_token=owner-token") || auth.equals("Bearer owner-token");
            byte[] body = (owner ? "{\"recipient_id\":\"1\",\"message_id\":\"m1\"}"
                    : "{\"error\":{\"message\":\"(#10) another app is controlling this thread now\","
                            + "\"type\":\"OAuthException\",\"code\":10,\"error_subcode\":2018300}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(owner ? 200 : 400, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
        recorder = GraphCallRecorder.start("http://127.0.0.1:" + upstream.getAddress().getPort(),
                Map.of("owner-token", "111", "other-token", "222"), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        recorder.close();
        upstream.stop(0);
    }

    @Test
    void passesCallsThroughAndRecordsMetasAnswers() throws Exception {
        HttpResponse<String> ok = client.send(HttpRequest.newBuilder(
                        URI.create(recorder.baseUrl() + "/v24.0/me/messages?access_token=owner-token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":{\"text\":\"hi\"}}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(
                        URI.create(recorder.baseUrl() + "/v24.0/1234/messages"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":{\"text\":\"hi\"}}"))
                .header("Authorization", "Bearer other-token").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"message_id\":\"m1\"");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("2018300");
        assertThat(recorder.calls()).hasSize(2);
        assertThat(recorder.calls("111")).singleElement().satisfies(call -> {
            assertThat(call.succeeded()).isTrue();
            assertThat(call.isSend()).isTrue();
            assertThat(call.path()).isEqualTo("/v24.0/me/messages");
        });
        assertThat(recorder.refusedAsNotOwner("111")).isEmpty();
        assertThat(recorder.refusedAsNotOwner("222")).singleElement()
                .satisfies(call -> assertThat(call.errorSubcode()).isEqualTo(2018300));
        assertThat(recorder.calls().toString()).doesNotContain("owner-token").doesNotContain("other-token");
    }

    @Test
    void findsTheTokenInAFormBody() throws Exception {
        client.send(HttpRequest.newBuilder(URI.create(recorder.baseUrl() + "/v24.0/me/pass_thread_control"))
                .POST(HttpRequest.BodyPublishers.ofString("recipient=%7B%7D&access_token=other-token"))
                .header("Content-Type", "application/x-www-form-urlencoded").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(recorder.calls("222")).hasSize(1);
    }
}
