package dev.baton.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.emulator.testing.WebhookReceiver;
import dev.baton.event.WebhookEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A running emulator with one Page registered through the control API and three apps, each a signed
 * loopback receiver: marketing (3003), default (2002) and agent (4004, standby off, may take control).
 * All person actions and Graph calls go over HTTP.
 */
final class PageFixture implements AutoCloseable {

    static final String PAGE = "1001";
    static final String DEFAULT_APP = "2002";
    static final String MARKETING = "3003";
    static final String AGENT = "4004";
    static final String INBOX = PageRegistration.PAGE_INBOX_APP_ID;
    static final String PSID = "9001";

    final Emulator emulator;
    final HttpJson http;
    final Map<String, WebhookReceiver> receivers = new HashMap<>();
    private final Map<String, Integer> seen = new HashMap<>();

    private PageFixture(EmulatorOptions options) {
        emulator = Emulator.start(options);
        http = new HttpJson(emulator.baseUrl(), emulator.tls().map(EmulatorTls::clientSslContext).orElse(null));
        for (String app : List.of(DEFAULT_APP, MARKETING, AGENT)) {
            receivers.put(app, WebhookReceiver.start(secret(app), "verify-" + app));
        }
    }

    /** A Page with the default app set (Conversation Routing on). */
    static PageFixture withDefaultApp() {
        return start(EmulatorOptions.forTests(), page -> page.put("default_app_id", DEFAULT_APP));
    }

    /** A Page without a default app (zero-config). */
    static PageFixture zeroConfig() {
        return start(EmulatorOptions.forTests(), page -> { });
    }

    static PageFixture start(EmulatorOptions options, Consumer<ObjectNode> customize) {
        PageFixture fixture = new PageFixture(options);
        ObjectNode page = fixture.pageJson();
        customize.accept(page);
        HttpJson.Answer answer = fixture.http.post("/_emulator/pages", page);
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(201);
        return fixture;
    }

    ObjectNode pageJson() {
        ObjectNode page = HttpJson.MAPPER.createObjectNode();
        page.put("id", PAGE);
        page.put("platform", "messenger");
        ArrayNode apps = page.putArray("apps");
        apps.add(app(DEFAULT_APP, "Default"));
        apps.add(app(MARKETING, "Marketing"));
        apps.add(app(AGENT, "Agent").put("standby", false).put("can_take_control", true));
        return page;
    }

    ObjectNode app(String id, String name) {
        ObjectNode app = HttpJson.MAPPER.createObjectNode();
        app.put("id", id);
        app.put("name", name);
        app.put("secret", secret(id));
        app.put("access_token", token(id));
        app.put("webhook_url", receivers.get(id).url().toString());
        app.put("verify_token", "verify-" + id);
        return app;
    }

    static String secret(String app) {
        return "secret-" + app;
    }

    static String token(String app) {
        return "token-" + app;
    }

    /** POST /_emulator/pages/{page}/people/{psid}/{action}; asserts 200 and returns the caused webhooks. */
    JsonNode act(String psid, String action, Object body) {
        HttpJson.Answer answer = http.post("/_emulator/pages/" + PAGE + "/people/" + psid + "/" + action, body);
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        return answer.json().path("webhooks");
    }

    JsonNode act(String action, Object body) {
        return act(PSID, action, body);
    }

    HttpJson.Answer graphPost(String app, String path, Object body) {
        return http.post("/v24.0/" + path + "?access_token=" + token(app), body);
    }

    HttpJson.Answer graphGet(String app, String pathAndQuery) {
        String separator = pathAndQuery.contains("?") ? "&" : "?";
        return http.get("/v24.0/" + pathAndQuery + separator + "access_token=" + token(app));
    }

    /** A Send API text message from {@code app} to the fixture's person. */
    HttpJson.Answer sendText(String app, String text) {
        return graphPost(app, "me/messages", Map.of("messaging_type", "RESPONSE", "recipient", Map.of("id", PSID),
                "message", Map.of("text", text)));
    }

    JsonNode conversation() {
        HttpJson.Answer answer = http.get("/_emulator/pages/" + PAGE + "/people/" + PSID);
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        return answer.json();
    }

    String owner() {
        return conversation().path("owner_app_id").asText(null);
    }

    /** Events the app received since the last call, all signatures checked. */
    List<WebhookEvent> newEvents(String app) {
        WebhookReceiver receiver = receivers.get(app);
        receiver.received().forEach(post -> {
            assertThat(post.signatureValid()).as("X-Hub-Signature-256 valid").isTrue();
            assertThat(post.legacySignatureValid()).as("X-Hub-Signature valid").isTrue();
            assertThat(post.batch()).as("body parses").isNotNull();
        });
        List<WebhookEvent> all = receiver.events();
        int from = seen.getOrDefault(app, 0);
        seen.put(app, all.size());
        return all.subList(from, all.size());
    }

    /** Waits until the app received {@code count} more events than already seen (Graph calls do not wait). */
    List<WebhookEvent> awaitNewEvents(String app, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int from = seen.getOrDefault(app, 0);
        while (receivers.get(app).events().size() < from + count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("app " + app + " expected " + count + " new events, has "
                        + (receivers.get(app).events().size() - from));
            }
            Thread.sleep(5);
        }
        return newEvents(app);
    }

    @Override
    public void close() {
        emulator.close();
        receivers.values().forEach(WebhookReceiver::close);
    }
}
