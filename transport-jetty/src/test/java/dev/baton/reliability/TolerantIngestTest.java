package dev.baton.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.transport.ServerOptions;
import dev.baton.webhook.WebhookSignature;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ingest refuses only what cannot be a webhook, through the real Jetty server and the SQLite journal:
 * 400 (with reason and path, nothing journaled) for a body that is not UTF-8 JSON, not an object, or has no
 * {@code entry} array; 200 and journaled for everything else with a valid signature - a body for an object
 * Baton does not serve, entries carrying {@code changes[]}, untyped events (counted by reason), and every
 * body of the webhook corpus.
 */
class TolerantIngestTest {

    @TempDir
    static Path dir;

    static DurableTestServer server;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        server = new DurableTestServer(dir, ServerOptions.loopback());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static HttpResponse<String> post(byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.webhookUri())
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", WebhookSignature.sha256Header(body, DurableTestServer.SECRET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"object\":\"page\",\"entry\":[",                     // not JSON: cut off
        "{\"object\":\"page\",\"entry\":[]} x",                  // not JSON: trailing content
        "",                                                      // no JSON value
        "[{\"object\":\"page\",\"entry\":[]}]",                  // not an object
        "\"page\"",                                              // not an object
        "{\"object\":\"page\"}",                                 // no entry array
        "{\"object\":\"page\",\"entry\":{}}",                    // entry is not an array
        "{\"object\":\"page\",\"entry\":null}"})                 // entry is null
    void whatCannotBeAWebhookIs400AndNotJournaled(String body) throws Exception {
        double before = server.journaledBatches();
        HttpResponse<String> answer = post(utf8(body));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("invalid webhook body:");
        assertThat(server.journaledBatches()).isEqualTo(before);
    }

    @Test
    void invalidUtf8Is400WithItsReason() throws Exception {
        byte[] body = utf8("{\"object\":\"page\",\"entry\":[{\"id\":\"111\",\"x\":\"..\"}]}");
        body[body.length - 6] = (byte) 0xc3; // a lead byte without its continuation
        HttpResponse<String> answer = post(body);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("INVALID_ENCODING");
    }

    @Test
    void anUnknownObjectAndChangesEntriesAre200JournaledAndCounted() throws Exception {
        double before = server.journaledBatches();
        assertThat(post(utf8("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[]}]}"))
                .statusCode()).isEqualTo(200);
        assertThat(post(utf8("{\"object\":\"page\",\"entry\":[{\"id\":\"111\",\"time\":1,\"changes\":[{\"field\":"
                + "\"inbox_labels\",\"value\":{\"action\":\"add\"}}]}]}")).statusCode()).isEqualTo(200);
        assertThat(server.journaledBatches()).isEqualTo(before + 2);
        assertThat(server.registry.get("baton.webhook.skipped").tag("kind", "UNKNOWN_OBJECT").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(server.registry.get("baton.webhook.skipped").tag("kind", "CHANGES").counter().count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void oneOddEventNeverRefusesItsBatch() throws Exception {
        byte[] body = utf8("{\"object\":\"page\",\"entry\":[{\"id\":\"111\",\"time\":1,\"messaging\":["
                + "{\"sender\":{\"id\":\"u1\"},\"recipient\":{\"id\":\"111\"},\"timestamp\":5,\"message\":{\"mid\":\"ok1\"}},"
                + "{\"recipient\":{\"id\":\"111\"},\"timestamp\":6,\"app_roles\":{\"1\":\"not-an-array\"}},"
                + "{\"sender\":{\"id\":\"u1\"},\"recipient\":{\"id\":\"111\"},\"delivery\":{\"watermark\":4}},"
                + "{\"sender\":{\"user_ref\":\"r1\"},\"recipient\":{\"id\":\"111\"},\"timestamp\":7,"
                + "\"postback\":{\"payload\":\"P\"}}]}]}");
        assertThat(post(body).statusCode()).isEqualTo(200);
        assertThat(server.registry.get("baton.webhook.events.untyped").tag("app", DurableTestServer.APP)
                .tag("reason", "WRONG_TYPE").counter().count()).isGreaterThanOrEqualTo(1);
    }

    static Stream<Path> corpus() throws Exception {
        Path corpus = Path.of(TolerantIngestTest.class.getResource("/webhook/corpus/README.md").toURI()).getParent();
        try (Stream<Path> files = Files.list(corpus)) {
            List<Path> bodies = files.filter(path -> path.toString().endsWith(".json")
                    && !path.toString().endsWith(".events.json")).sorted().toList();
            return bodies.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyBodyOfTheCorpusIs200(Path body) throws Exception {
        HttpResponse<String> answer = post(Files.readAllBytes(body));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
