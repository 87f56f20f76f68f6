package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** POST /_emulator/pages: the subscription check and strict input. */
class RegistrationTest {

    private PageFixture page;

    @AfterEach
    void stop() {
        page.close();
    }

    @Test
    void aPageWhoseAppDoesNotEchoTheChallengeIsRefusedNamingTheApp() {
        page = PageFixture.zeroConfig();
        ObjectNode json = page.pageJson().put("id", "1002");
        ((ObjectNode) json.path("apps").get(1)).put("verify_token", "wrong-token").put("access_token", "t2");
        ((ObjectNode) json.path("apps").get(0)).put("access_token", "t1");
        ((ObjectNode) json.path("apps").get(2)).put("access_token", "t3");

        HttpJson.Answer answer = page.http.post("/_emulator/pages", json);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").path("message").asText())
                .contains("app " + MARKETING).contains("Marketing").doesNotContain("wrong-token");
        assertThat(page.http.get("/_emulator/pages/1002").status()).isEqualTo(404);
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        page = PageFixture.zeroConfig();

        HttpJson.Answer unknownKey = page.http.post("/_emulator/pages", page.pageJson().put("id", "1003").put("colour", "red"));
        assertThat(unknownKey.status()).isEqualTo(400);
        assertThat(unknownKey.json().path("error").path("message").asText()).contains("colour");

        HttpJson.Answer badDefault = page.http.post("/_emulator/pages", page.pageJson().put("id", "1004")
                .put("default_app_id", "999"));
        assertThat(badDefault.json().path("error").path("message").asText()).contains("default_app_id");

        assertThat(page.http.post("/_emulator/pages", "{oops").status()).isEqualTo(400);
        assertThat(page.http.post("/_emulator/pages", page.pageJson()).status()).as("already registered").isEqualTo(409);
    }

    @Test
    void theInboxMayBeTheDefaultAppAndSecretsNeverShow() {
        page = PageFixture.start(EmulatorOptions.forTests(), json -> json.put("default_app_id", PageFixture.INBOX));

        HttpJson.Answer view = page.http.get("/_emulator/pages/" + PageFixture.PAGE);

        assertThat(view.json().path("default_app_id").asText()).isEqualTo(PageFixture.INBOX);
        assertThat(view.json().toString()).doesNotContain("secret-").doesNotContain("token-").doesNotContain("verify-");
        page.act("messages", java.util.Map.of("text", "hi"));
        assertThat(page.owner()).isEqualTo(PageFixture.INBOX);
        assertThat(page.sendText(DEFAULT_APP, "bot").errorSubcode()).isEqualTo(2018300);
    }
}
