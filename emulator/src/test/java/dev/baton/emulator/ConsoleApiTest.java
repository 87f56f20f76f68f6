package dev.baton.emulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.event.ReactionEvent;
import dev.baton.event.WebhookEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's files, JSON views and live feed over HTTP, and the control-API additions it uses. */
class ConsoleApiTest {

    private PageFixture page;

    @BeforeEach
    void start() {
        page = PageFixture.withDefaultApp();
    }

    @AfterEach
    void stop() {
        page.close();
    }

    @Test
    void servesItsFilesFromTheJarWithAStrictPolicyAndNothingElse() throws Exception {
        HttpResponse<String> index = get("/_emulator/console/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
        assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("connect-src 'self'");
        assertThat(index.body()).contains("<script type=\"module\" src=\"console.js\">").doesNotContain("http://", "https://");
        for (String module : List.of("console.js", "api.js", "chat.js", "panels.js", "log.js", "dom.js")) {
            HttpResponse<String> script = get("/_emulator/console/" + module);
            assertThat(script.statusCode()).as(module).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=UTF-8");
            assertThat(script.body()).as(module + " loads nothing from the network").doesNotContain("https://", "http://");
        }
        assertThat(get("/_emulator/console").statusCode()).isEqualTo(302);
        assertThat(get("/_emulator/console/../http/ControlApi.class").statusCode()).isIn(400, 404);
        assertThat(get("/_emulator/console/ConsoleHandler.class").statusCode()).isEqualTo(404);
        assertThat(get("/_emulator/console/api/nothing").statusCode()).isEqualTo(404);
        assertThat(page.emulator.consoleUrl()).isEqualTo(page.emulator.baseUrl() + "/_emulator/console/");
    }

    @Test
    void conversationViewKeepsTheWholePageMessageAndTheOwnerTimeline() {
        page.act("ad-click", Map.of("ad_id", "ad-7", "receiving_app_id", PageFixture.MARKETING, "ref", "spring",
                "text", "Hi"));
        Map<String, Object> quickReplies = Map.of("text", "Pick one", "quick_replies", List.of(
                Map.of("content_type", "text", "title", "Prices", "payload", "PRICES")));
        assertThat(page.graphPost(PageFixture.MARKETING, "me/messages", Map.of("messaging_type", "RESPONSE",
                "recipient", Map.of("id", PageFixture.PSID), "message", quickReplies)).status()).isEqualTo(200);
        page.act("messages", Map.of("text", "Prices", "quick_reply_payload", "PRICES"));
        assertThat(page.graphPost(PageFixture.MARKETING, "me/pass_thread_control", Map.of(
                "recipient", Map.of("id", PageFixture.PSID), "target_app_id", PageFixture.DEFAULT_APP)).status())
                .isEqualTo(200);

        JsonNode view = page.http.get("/_emulator/console/api/pages/1001/people/9001").json();
        JsonNode transcript = view.path("transcript");
        assertThat(transcript.get(0).path("content").path("referral").path("ad_id").asText()).isEqualTo("ad-7");
        assertThat(transcript.get(1).path("app_id").asText()).isEqualTo(PageFixture.MARKETING);
        assertThat(transcript.get(1).path("content").path("quick_replies").get(0).path("payload").asText())
                .isEqualTo("PRICES");
        assertThat(transcript.get(2).path("kind").asText()).isEqualTo("quick_reply");
        assertThat(transcript.get(2).path("content").path("quick_reply").path("payload").asText()).isEqualTo("PRICES");
        JsonNode history = view.path("owner_history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("from_app_id").isNull()).isTrue();
        assertThat(history.get(0).path("to_app_id").asText()).isEqualTo(PageFixture.MARKETING);
        assertThat(history.get(0).path("cause").asText()).isEqualTo("ad tap");
        assertThat(history.get(1).path("to_app_id").asText()).isEqualTo(PageFixture.DEFAULT_APP);
        assertThat(history.get(1).path("cause").asText()).isEqualTo("pass_thread_control by " + PageFixture.MARKETING);

        page.emulator.advanceClock(Duration.ofHours(25));
        page.act("messages", Map.of("text", "back again"));
        JsonNode later = page.http.get("/_emulator/console/api/pages/1001/people/9001").json().path("owner_history");
        assertThat(later).hasSize(2); // the default app already owned it: its lapse changes nobody
        assertThat(page.http.get("/_emulator/console/api/pages/1001/people/nobody").status()).isEqualTo(404);
    }

    @Test
    void stateAndWebhookLogShowFieldsKindsRetriesAndTheSignedBody() throws Exception {
        page.http.post("/_emulator/faults", Map.of("kind", "fail_delivery", "app_id", PageFixture.DEFAULT_APP, "count", 2));
        assertThat(page.http.get("/_emulator/faults").json().path("failing_deliveries").path(PageFixture.DEFAULT_APP)
                .asInt()).isEqualTo(2);
        page.act("ad-click", Map.of("ad_id", "ad-7", "receiving_app_id", PageFixture.MARKETING, "text", "Hi"));
        assertThat(page.emulator.awaitDeliveries(Duration.ofSeconds(20))).isTrue();

        JsonNode log = page.http.get("/_emulator/console/api/pages/1001/deliveries").json().path("deliveries");
        List<JsonNode> toDefault = new ArrayList<>();
        log.forEach(row -> {
            if (row.path("app_id").asText().equals(PageFixture.DEFAULT_APP)) {
                toDefault.add(row);
            }
        });
        assertThat(toDefault).hasSize(3);
        assertThat(toDefault).extracting(row -> row.path("attempt").asInt()).containsExactly(1, 2, 3);
        assertThat(toDefault).extracting(row -> row.path("status").asInt()).containsExactly(0, 0, 200);
        assertThat(toDefault.get(0).path("failure").asText()).isEqualTo("injected fault: delivery failed");
        JsonNode standby = toDefault.get(2).path("events").get(0);
        assertThat(standby.path("field").asText()).isEqualTo("standby");
        assertThat(standby.path("kind").asText()).isEqualTo("message");
        assertThat(standby.path("psid").asText()).isEqualTo(PageFixture.PSID);
        assertThat(page.receivers.get(PageFixture.DEFAULT_APP).received()).hasSize(1); // failed attempts were not sent

        JsonNode state = page.http.get("/_emulator/console/api/state").json();
        JsonNode apps = state.path("pages").get(0).path("apps");
        JsonNode defaultApp = apps.get(0);
        assertThat(defaultApp.path("roles").get(0).asText()).isEqualTo("default");
        assertThat(defaultApp.path("deliveries_succeeded").asLong()).isEqualTo(1);
        assertThat(defaultApp.path("deliveries_failed").asLong()).isEqualTo(2);
        assertThat(defaultApp.path("retries").asLong()).isEqualTo(2);
        assertThat(state.toString()).doesNotContain(PageFixture.secret(PageFixture.DEFAULT_APP),
                PageFixture.token(PageFixture.DEFAULT_APP), "verify-" + PageFixture.DEFAULT_APP);
        assertThat(state.path("pages").get(0).path("people").get(0).path("owner_app_id").asText())
                .isEqualTo(PageFixture.MARKETING);

        long sequence = toDefault.get(2).path("sequence").asLong();
        JsonNode detail = page.http.get("/_emulator/console/api/apps/" + PageFixture.DEFAULT_APP + "/deliveries/"
                + sequence).json();
        assertThat(detail.path("headers").path("X-Hub-Signature-256").asText()).startsWith("sha256=");
        assertThat(detail.path("body_pretty").asText()).contains("\n").contains("\"standby\" : [");
        assertThat(HttpJson.MAPPER.readTree(detail.path("body").asText()))
                .isEqualTo(HttpJson.MAPPER.readTree(detail.path("body_pretty").asText()));
        assertThat(page.http.get("/_emulator/console/api/apps/" + PageFixture.DEFAULT_APP + "/deliveries/999999")
                .status()).isEqualTo(404);
    }

    @Test
    void liveFeedNamesWhatChanged() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> stream = client.send(HttpRequest.newBuilder(
                URI.create(page.emulator.baseUrl() + "/_emulator/console/api/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=UTF-8");
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        events.add(line.substring("data: ".length()));
                    }
                }
            } catch (java.io.IOException e) {
                // the emulator closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"hello\"}");

        page.act("messages", Map.of("text", "hello"));
        assertThat(awaitEvent(events, "\"type\":\"thread\"")).contains("\"psid\":\"9001\"");
        // Each app's POSTs come from its own worker, so the default app's may come after another's.
        assertThat(awaitEvent(events, "\"app_id\":\"" + PageFixture.DEFAULT_APP + "\"")).contains("\"type\":\"delivery\"");
        page.http.post("/_emulator/clock", Map.of("advance_seconds", 60));
        awaitEvent(events, "\"type\":\"clock\"");
        page.http.post("/_emulator/faults", Map.of("kind", "graph_613", "count", 1));
        awaitEvent(events, "\"type\":\"faults\"");

        page.emulator.close();
        reader.join(10_000);
        assertThat(reader.isAlive()).as("the stream ends when the emulator closes").isFalse();
    }

    @Test
    void personReactsToAMessageOfTheThread() throws Exception {
        page.act("messages", Map.of("text", "hello"));
        String mid = page.sendText(PageFixture.DEFAULT_APP, "Hi there").json().path("message_id").asText();
        page.emulator.awaitDeliveries(Duration.ofSeconds(10));
        page.newEvents(PageFixture.DEFAULT_APP);
        JsonNode webhooks = page.act("react", Map.of("mid", mid, "reaction", "love", "emoji", "\u2764"));
        assertThat(webhooks.get(0).path("kind").asText()).isEqualTo("reaction");
        List<WebhookEvent> events = page.awaitNewEvents(PageFixture.DEFAULT_APP, 1);
        assertThat(events.get(0)).isInstanceOfSatisfying(ReactionEvent.class, reaction -> {
            assertThat(reaction.mid()).isEqualTo(mid);
            assertThat(reaction.action()).isEqualTo("react");
            assertThat(reaction.reaction()).isEqualTo("love");
        });
        HttpJson.Answer unknown = page.http.post("/_emulator/pages/1001/people/9001/react", Map.of("mid", "m_nope"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorMessage()).contains("m_nope");
        JsonNode transcript = page.conversation().path("transcript");
        assertThat(transcript).hasSize(3);
    }

    private static String awaitEvent(BlockingQueue<String> events, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String event = events.poll(200, TimeUnit.MILLISECONDS);
            if (event != null && event.contains(fragment)) {
                return event;
            }
        }
        throw new AssertionError("no console event with " + fragment);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(page.emulator.baseUrl() + path))
                .build(), HttpResponse.BodyHandlers.ofString(UTF_8));
    }
}
