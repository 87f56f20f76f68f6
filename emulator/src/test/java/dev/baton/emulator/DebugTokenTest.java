package dev.baton.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.emulator.HttpJson.Answer;
import dev.baton.emulator.testing.EmulatorExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /debug_token} (platform-facts §9): what a token is, asked with the app token; never a token back. */
class DebugTokenTest {

    @RegisterExtension
    final EmulatorExtension extension = new EmulatorExtension();

    Emulator emulator;
    HttpJson http;

    @BeforeEach
    void register() {
        emulator = extension.emulator();
        http = new HttpJson(emulator.baseUrl());
        emulator.registerPage(PageRegistration.messenger("9000", "9001", List.of(
                AppRegistration.unsubscribed("9001", "Default", "s-9001", "t-9001"),
                AppRegistration.unsubscribed("9002", "Other", "s-9002", "t-9002"))),
                PageConnection.fresh().withScopes("9002", List.of("pages_show_list")));
    }

    @Test
    void aPageTokenSaysItsAppPageAndScopes() {
        JsonNode data = http.get("/v25.0/debug_token?input_token=t-9001&access_token=9001%7Cs-9001").json().path("data");
        assertThat(data.path("is_valid").asBoolean()).isTrue();
        assertThat(data.path("app_id").asText()).isEqualTo("9001");
        assertThat(data.path("type").asText()).isEqualTo("PAGE");
        assertThat(data.path("profile_id").asText()).isEqualTo("9000");
        assertThat(data.path("scopes").toString()).contains("pages_messaging", "pages_manage_metadata");
        assertThat(data.path("granular_scopes").get(0).path("target_ids").get(0).asText()).isEqualTo("9000");
        assertThat(data.toString()).doesNotContain("t-9001").doesNotContain("s-9001");
        assertThat(http.get("/v25.0/debug_token?input_token=t-9002&access_token=t-9002").json().path("data")
                .path("scopes").toString()).as("asked with the token itself").isEqualTo("[\"pages_show_list\"]");
    }

    @Test
    void anUnknownTokenIsNotValidAndAnotherAppsIsRefused() {
        JsonNode unknown = http.get("/v25.0/debug_token?input_token=nope&access_token=9001%7Cs-9001").json().path("data");
        assertThat(unknown.path("is_valid").asBoolean()).isFalse();
        assertThat(unknown.path("error").path("code").asInt()).isEqualTo(190);
        Answer otherApp = http.get("/v25.0/debug_token?input_token=t-9002&access_token=9001%7Cs-9001");
        assertThat(otherApp.errorCode()).isEqualTo(100);
        assertThat(otherApp.errorMessage()).contains("did not match the Viewing App");
        assertThat(http.get("/v25.0/debug_token?input_token=t-9001").errorCode()).isEqualTo(190);
        assertThat(http.get("/v25.0/debug_token?access_token=9001%7Cs-9001").errorCode()).isEqualTo(100);
        JsonNode app = http.get("/v25.0/debug_token?input_token=9001%7Cs-9001&access_token=9001%7Cs-9001").json()
                .path("data");
        assertThat(app.path("type").asText()).isEqualTo("APP");
    }
}
