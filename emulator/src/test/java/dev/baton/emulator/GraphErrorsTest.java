package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.PSID;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.emulator.delivery.WebhookEncoding;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Meta's error envelope for the Graph API's refusals; each refusal changes nothing. */
class GraphErrorsTest {

    private PageFixture page;

    @BeforeEach
    void defaultAppOwns() {
        page = PageFixture.withDefaultApp();
        page.act("messages", Map.of("text", "hi"));
    }

    @AfterEach
    void stop() {
        page.close();
    }

    private HttpJson.Answer send(Map<String, Object> body) {
        return page.graphPost(DEFAULT_APP, "me/messages", body);
    }

    @Test
    void aBadOrMissingTokenIs190AndTheTokenIsNotEchoed() {
        HttpJson.Answer bad = page.http.post("/v24.0/me/messages?access_token=nope-secret-ish", Map.of());
        HttpJson.Answer missing = page.http.post("/v24.0/me/messages", Map.of());

        for (HttpJson.Answer answer : new HttpJson.Answer[] {bad, missing}) {
            assertThat(answer.errorCode()).isEqualTo(190);
            assertThat(answer.json().path("error").path("type").asText()).isEqualTo("OAuthException");
        }
        assertThat(bad.json().toString()).doesNotContain("nope-secret-ish");
    }

    @Test
    void theTokenMayComeAsABearerHeaderOrInTheBody() {
        HttpJson.Answer bearer = page.http.send(HttpRequest.newBuilder(
                        URI.create(page.emulator.baseUrl() + "/v24.0/me?fields=messaging_feature_status"))
                .header("Authorization", "Bearer " + PageFixture.token(DEFAULT_APP)).GET());
        HttpJson.Answer inBody = page.http.post("/v24.0/me/messages", Map.of("access_token",
                PageFixture.token(DEFAULT_APP), "messaging_type", "RESPONSE", "recipient", Map.of("id", PSID),
                "message", Map.of("text", "ok")));

        assertThat(bearer.status()).isEqualTo(200);
        assertThat(inBody.status()).as(inBody.json().toString()).isEqualTo(200);
    }

    @Test
    void formEncodedCallsWithJsonValuesWork() {
        String form = "messaging_type=RESPONSE&recipient=" + java.net.URLEncoder.encode("{\"id\":\"" + PSID + "\"}", UTF_8)
                + "&message=" + java.net.URLEncoder.encode("{\"text\":\"form\"}", UTF_8)
                + "&access_token=" + PageFixture.token(DEFAULT_APP);
        HttpJson.Answer answer = page.http.send(HttpRequest.newBuilder(
                        URI.create(page.emulator.baseUrl() + "/v24.0/me/messages"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));

        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
    }

    @Test
    void appSecretProofIsCheckedWhenPresent() {
        String token = PageFixture.token(DEFAULT_APP);
        String good = WebhookEncoding.appSecretProof(token, PageFixture.secret(DEFAULT_APP));

        assertThat(page.http.get("/v24.0/me?access_token=" + token + "&appsecret_proof=" + good).status()).isEqualTo(200);
        HttpJson.Answer wrong = page.http.get("/v24.0/me?access_token=" + token + "&appsecret_proof=" + "0".repeat(64));
        assertThat(wrong.errorCode()).isEqualTo(100);
        assertThat(wrong.errorMessage()).contains("appsecret_proof");
    }

    @Test
    void anUnknownRecipientIs100With2018001() {
        HttpJson.Answer answer = send(Map.of("messaging_type", "RESPONSE", "recipient", Map.of("id", "777"),
                "message", Map.of("text", "who?")));

        assertThat(answer.errorCode()).isEqualTo(100);
        assertThat(answer.errorSubcode()).isEqualTo(2018001);
    }

    @Test
    void badParametersAre100() {
        assertThat(send(Map.of("recipient", Map.of("id", PSID), "message", Map.of("text", "x"))).errorCode())
                .as("missing messaging_type").isEqualTo(100);
        assertThat(send(Map.of("messaging_type", "RESPONSE", "message", Map.of("text", "x"))).errorCode())
                .as("missing recipient").isEqualTo(100);
        assertThat(send(Map.of("messaging_type", "RESPONSE", "recipient", Map.of("id", PSID),
                "message", Map.of("text", "x".repeat(2001)))).errorCode()).as("text too long").isEqualTo(100);
        assertThat(send(Map.of("messaging_type", "RESPONSE", "recipient", Map.of("id", PSID),
                "message", Map.of())).errorCode()).as("empty message").isEqualTo(100);
        assertThat(send(Map.of("messaging_type", "RESPONSE", "recipient", Map.of("id", PSID),
                "message", Map.of("text", "x"), "sender_action", "TYPING_ON")).errorCode()).as("both").isEqualTo(100);
        assertThat(page.http.post("/v24.0/me/messages?access_token=" + PageFixture.token(DEFAULT_APP), "{not json")
                .errorCode()).isEqualTo(100);
        assertThat(page.graphPost(DEFAULT_APP, "5555/messages", Map.of()).errorCode()).as("other page").isEqualTo(100);
        assertThat(page.conversation().path("transcript")).hasSize(1);
    }

    @Test
    void retiredTagsAre100() {
        for (String tag : new String[] {"ACCOUNT_UPDATE", "CONFIRMED_EVENT_UPDATE", "POST_PURCHASE_UPDATE"}) {
            HttpJson.Answer answer = send(Map.of("messaging_type", "MESSAGE_TAG", "tag", tag,
                    "recipient", Map.of("id", PSID), "message", Map.of("text", "update")));
            assertThat(answer.errorCode()).isEqualTo(100);
            assertThat(answer.errorMessage()).contains("no longer supported");
        }
    }

    @Test
    void outsideTheWindowIs10With2018278ButHumanAgentWorksForSevenDays() {
        page.emulator.advanceClock(Duration.ofHours(25));
        HttpJson.Answer late = send(Map.of("messaging_type", "RESPONSE", "recipient", Map.of("id", PSID),
                "message", Map.of("text", "late")));
        assertThat(late.errorCode()).isEqualTo(10);
        assertThat(late.errorSubcode()).isEqualTo(2018278);

        Map<String, Object> humanAgent = Map.of("messaging_type", "MESSAGE_TAG", "tag", "HUMAN_AGENT",
                "recipient", Map.of("id", PSID), "message", Map.of("text", "agent reply"));
        assertThat(send(humanAgent).status()).isEqualTo(200);
        page.emulator.advanceClock(Duration.ofDays(6));
        assertThat(send(humanAgent).errorSubcode()).as("after 7 days and 1 hour").isEqualTo(2018278);
    }

    @Test
    void thePagesRateLimitAnswers613AndTheRefusedCallDoesNothing() {
        page.close();
        page = PageFixture.start(EmulatorOptions.forTests().withGraphCallsPerSecond(3),
                json -> json.put("default_app_id", DEFAULT_APP));
        page.act("messages", Map.of("text", "hi"));

        int limited = 0;
        int sent = 0;
        for (int i = 0; i < 40; i++) {
            HttpJson.Answer answer = page.sendText(DEFAULT_APP, "burst " + i);
            if (answer.errorCode() == 613) {
                limited++;
                assertThat(answer.errorSubcode()).isEqualTo(2534040);
            } else {
                sent++;
            }
        }
        assertThat(limited).isPositive();
        assertThat(page.conversation().path("transcript")).hasSize(1 + sent);
        assertThat(page.emulator.rateLimitedCalls(PageFixture.PAGE)).as("613s counted for the Page").isEqualTo(limited);
        assertThat(page.emulator.rateLimitedCalls("no-such-page")).isZero();
    }

    @Test
    void unknownPathsAndEdgesAreErrors() {
        assertThat(page.graphGet(DEFAULT_APP, "me/nothing_here").errorCode()).isEqualTo(100);
        assertThat(page.graphGet(DEFAULT_APP, "me/a/b").errorCode()).isEqualTo(2500);
    }
}
