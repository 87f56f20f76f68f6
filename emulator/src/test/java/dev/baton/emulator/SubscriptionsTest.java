package dev.baton.emulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.emulator.HttpJson.Answer;
import dev.baton.emulator.testing.EmulatorExtension;
import dev.baton.emulator.testing.WebhookReceiver;
import dev.baton.event.Channel;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhook subscriptions at Meta's two levels (platform-facts §7): a fresh Page delivers nothing; apps connect
 * it purely through the Graph API ({@code POST /{app-id}/subscriptions} with its verification GET, then
 * {@code POST /{page-id}/subscribed_apps}); routing honours the fields subscribed at both levels.
 */
class SubscriptionsTest {

    @RegisterExtension
    final EmulatorExtension extension = new EmulatorExtension();

    static final String PAGE = "7000";
    static final String DEFAULT_APP = "7001";
    static final String WATCHER = "7002";

    Emulator emulator;
    HttpJson http;
    WebhookReceiver defaultApp;
    WebhookReceiver watcher;

    @BeforeEach
    void register() {
        emulator = extension.emulator();
        http = new HttpJson(emulator.baseUrl());
        defaultApp = WebhookReceiver.start("s-default", "v-default");
        watcher = WebhookReceiver.start("s-watcher", "v-watcher");
        emulator.registerPage(PageRegistration.messenger(PAGE, DEFAULT_APP, List.of(
                AppRegistration.unsubscribed(DEFAULT_APP, "Default", "s-default", "t-default"),
                AppRegistration.unsubscribed(WATCHER, "Watcher", "s-watcher", "t-watcher"))), PageConnection.fresh());
    }

    @AfterEach
    void close() {
        defaultApp.close();
        watcher.close();
    }

    @Test
    void aFreshPageDeliversNothingAndListsNoApp() {
        assertThat(emulator.person(PAGE, "p1").text("hi").webhooks()).isEmpty();
        assertThat(http.get("/v25.0/" + PAGE + "/subscribed_apps?access_token=t-default").json().path("data"))
                .isEmpty();
        assertThat(http.get("/v25.0/" + DEFAULT_APP + "/subscriptions?access_token=" + DEFAULT_APP + "%7Cs-default")
                .json().path("data")).isEmpty();
    }

    @Test
    void aPageConnectedPurelyThroughTheGraphApiWorksEndToEnd() throws Exception {
        connect(DEFAULT_APP, "s-default", "t-default", "v-default", defaultApp.url(), "messages,messaging_postbacks,"
                + "messaging_referrals,messaging_handovers,standby,message_echoes");
        connect(WATCHER, "s-watcher", "t-watcher", "v-watcher", watcher.url(), "messages,standby,messaging_handovers");

        Answer apps = http.get("/v25.0/me/subscribed_apps?access_token=t-watcher");
        assertThat(apps.json().path("data")).hasSize(2);
        assertThat(apps.json().path("data").get(1).path("id").asText()).isEqualTo(WATCHER);
        assertThat(apps.json().path("data").get(1).path("subscribed_fields").toString())
                .isEqualTo("[\"messages\",\"messaging_handovers\",\"standby\"]");
        Answer appLevel = http.get("/v25.0/" + WATCHER + "/subscriptions?access_token=" + WATCHER + "%7Cs-watcher");
        assertThat(appLevel.json().path("data").get(0).path("callback_url").asText()).isEqualTo(watcher.url().toString());
        assertThat(appLevel.json().path("data").get(0).path("fields").get(0).path("version").asText()).isEqualTo("v25.0");

        ActionResult hello = emulator.person(PAGE, "p1").text("hello");
        assertThat(hello.eventsFor(DEFAULT_APP, Channel.MESSAGING)).singleElement().isInstanceOf(MessageEvent.class);
        assertThat(hello.eventsFor(WATCHER, Channel.STANDBY)).singleElement().isInstanceOf(MessageEvent.class);
        assertThat(defaultApp.awaitPosts(1, Duration.ofSeconds(10))).hasSize(1);
        Answer sent = http.post("/v25.0/me/messages?access_token=t-default",
                Map.of("messaging_type", "RESPONSE", "recipient", Map.of("id", "p1"), "message", Map.of("text", "hi back")));
        assertThat(sent.status()).as(sent.json().toString()).isEqualTo(200);
        Answer pass = http.post("/v25.0/" + PAGE + "/pass_thread_control?access_token=t-default",
                Map.of("recipient", Map.of("id", "p1"), "target_app_id", WATCHER));
        assertThat(pass.status()).isEqualTo(200);
        assertThat(emulator.awaitDeliveries(Duration.ofSeconds(10))).isTrue();
        assertThat(watcher.events()).anyMatch(event -> event instanceof HandoverEvent.PassThreadControl);
    }

    @Test
    void withoutTheHandoverOrStandbyFieldNoHandoverWebhookAndNoStandbyCopy() {
        connect(DEFAULT_APP, "s-default", "t-default", "v-default", defaultApp.url(), "messages,messaging_handovers");
        connect(WATCHER, "s-watcher", "t-watcher", "v-watcher", watcher.url(), "messages");

        ActionResult hello = emulator.person(PAGE, "p1").text("hello");
        assertThat(hello.eventsFor(WATCHER)).as("no standby field: no standby copy").isEmpty();
        Answer pass = http.post("/v25.0/" + PAGE + "/pass_thread_control?access_token=t-default",
                Map.of("recipient", Map.of("id", "p1"), "target_app_id", WATCHER));
        assertThat(pass.status()).isEqualTo(200);
        assertThat(emulator.awaitDeliveries(Duration.ofSeconds(10))).isTrue();
        assertThat(watcher.events()).as("no messaging_handovers field: no pass webhook").isEmpty();
        assertThat(emulator.conversation(PAGE, "p1").orElseThrow().ownerAppId()).isEqualTo(WATCHER);
        ActionResult next = emulator.person(PAGE, "p1").text("still there?");
        assertThat(next.eventsFor(WATCHER, Channel.MESSAGING)).hasSize(1);
        assertThat(next.eventsFor(DEFAULT_APP)).as("the default app has no standby field either").isEmpty();
    }

    @Test
    void anAppLevelSubscriptionIsRefusedWhenTheCallbackFailsTheVerificationGet() {
        Answer wrongToken = http.post("/v25.0/" + WATCHER + "/subscriptions?access_token=" + WATCHER + "%7Cs-watcher",
                Map.of("object", "page", "callback_url", watcher.url().toString(), "verify_token", "not-the-token",
                        "fields", "messages"));
        assertThat(wrongToken.errorCode()).isEqualTo(2200);
        assertThat(wrongToken.errorMessage()).contains("answered HTTP 403").doesNotContain("not-the-token");
        assertThat(http.get("/v25.0/" + WATCHER + "/subscriptions?access_token=" + WATCHER + "%7Cs-watcher")
                .json().path("data")).isEmpty();
    }

    @Test
    void refusalsLeaveEverythingUnchanged() {
        assertThat(http.post("/v25.0/" + WATCHER + "/subscriptions?access_token=" + WATCHER + "%7Cwrong-secret",
                Map.of("object", "page", "callback_url", watcher.url().toString(), "verify_token", "v-watcher",
                        "fields", "messages")).errorCode()).isEqualTo(190);
        assertThat(http.post("/v25.0/" + WATCHER + "/subscriptions?access_token=t-watcher",
                Map.of("object", "page")).errorCode()).as("a Page token is not the app token").isEqualTo(190);
        assertThat(http.post("/v25.0/" + DEFAULT_APP + "/subscriptions?access_token=" + WATCHER + "%7Cs-watcher",
                Map.of("object", "page")).errorCode()).as("another app's node").isEqualTo(100);
        Answer badField = http.post("/v25.0/" + PAGE + "/subscribed_apps?access_token=t-watcher",
                Map.of("subscribed_fields", "messages,standbye"));
        assertThat(badField.errorCode()).isEqualTo(100);
        assertThat(badField.errorMessage()).contains("subscribed_fields[1]").contains("standbye");
        assertThat(http.post("/v25.0/" + PAGE + "/subscribed_apps?access_token=t-watcher", Map.of()).errorCode())
                .isEqualTo(100);
        assertThat(http.get("/v25.0/" + PAGE + "/subscribed_apps?access_token=t-watcher").json().path("data")).isEmpty();
    }

    @Test
    void aTokenWithoutPagesManageMetadataCannotSubscribeThePage() {
        emulator.registerPage(PageRegistration.messenger("7100", null, List.of(
                AppRegistration.unsubscribed("7101", "Limited", "s-limited", "t-limited"))),
                PageConnection.fresh().withScopes("7101", List.of("pages_messaging")));
        Answer refused = http.post("/v25.0/7100/subscribed_apps?access_token=t-limited",
                Map.of("subscribed_fields", "messages"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo(200);
        assertThat(refused.errorMessage()).contains("pages_manage_metadata");
    }

    @Test
    void deletingThePageSubscriptionStopsDelivery() {
        connect(DEFAULT_APP, "s-default", "t-default", "v-default", defaultApp.url(), "messages");
        assertThat(emulator.person(PAGE, "p1").text("one").eventsFor(DEFAULT_APP)).hasSize(1);
        Answer deleted = http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v25.0/" + PAGE
                + "/subscribed_apps?access_token=t-default")).method("DELETE", HttpRequest.BodyPublishers.noBody()));
        assertThat(deleted.json().path("success").asBoolean()).isTrue();
        assertThat(emulator.person(PAGE, "p1").text("two").eventsFor(DEFAULT_APP)).isEmpty();
        assertThat(emulator.isSubscribed(PAGE, DEFAULT_APP)).isFalse();
    }

    @Test
    void theControlApiShortcutStillSubscribesEveryField() {
        Answer page = http.post("/_emulator/pages", Map.of("id", "7200", "default_app_id", "7201", "apps", List.of(
                Map.of("id", "7201", "secret", "s", "access_token", "t-7201", "webhook_url", defaultApp.url().toString(),
                        "verify_token", "v-default"))));
        assertThat(page.status()).isEqualTo(201);
        Answer apps = http.get("/v25.0/7200/subscribed_apps?access_token=t-7201");
        assertThat(apps.json().path("data").get(0).path("subscribed_fields").toString())
                .contains("\"standby\"").contains("\"messaging_handovers\"").contains("\"message_reads\"");
        Answer fresh = http.post("/_emulator/pages", Map.of("id", "7300", "subscribed", false, "apps", List.of(
                Map.of("id", "7301", "secret", "s", "access_token", "t-7301", "scopes", List.of("pages_messaging")))));
        assertThat(fresh.status()).isEqualTo(201);
        assertThat(fresh.json().path("apps").get(0).path("webhook_url").isNull()).isTrue();
        assertThat(http.get("/v25.0/debug_token?input_token=t-7301&access_token=7301%7Cs").json().path("data")
                .path("scopes").toString()).isEqualTo("[\"pages_messaging\"]");
    }

    private void connect(String appId, String secret, String pageToken, String verifyToken, URI callback, String fields) {
        Answer app = http.post("/v25.0/" + appId + "/subscriptions?access_token=" + appId + "%7C" + secret,
                Map.of("object", "page", "callback_url", callback.toString(), "verify_token", verifyToken,
                        "fields", fields, "include_values", true));
        assertThat(app.status()).as(app.json().toString()).isEqualTo(200);
        assertThat(app.json().path("success").asText()).isEqualTo("true");
        // As 3P clients send it: the fields comma-joined in the query string.
        Answer page = http.post("/v25.0/" + PAGE + "/subscribed_apps?access_token=" + pageToken
                + "&subscribed_fields=" + java.net.URLEncoder.encode(fields, UTF_8), Map.of());
        assertThat(page.status()).as(page.json().toString()).isEqualTo(200);
    }
}
