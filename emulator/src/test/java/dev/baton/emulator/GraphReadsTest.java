package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.AGENT;
import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.MARKETING;
import static dev.baton.emulator.PageFixture.PSID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Seed rules: thread_owner visibility and messaging_feature_status; plus secondary_receivers. */
class GraphReadsTest {

    private PageFixture page;

    @AfterEach
    void stop() {
        page.close();
    }

    @Test
    void threadOwnerShowsTheAppIdOnlyToTheOwnerAndTheDefaultApp() {
        page = PageFixture.withDefaultApp();
        page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING));
        long expiry = page.conversation().path("control_expires_at").asLong();

        for (String app : new String[] {MARKETING, DEFAULT_APP}) {
            JsonNode owner = page.graphGet(app, PageFixture.PAGE + "/thread_owner?recipient=" + PSID).json()
                    .path("data").path(0).path("thread_owner");
            assertThat(owner.path("app_id").asText()).isEqualTo(MARKETING);
            assertThat(owner.path("expiration").asLong()).isEqualTo(expiry);
        }
        JsonNode other = page.graphGet(AGENT, "me/thread_owner?recipient=" + PSID).json()
                .path("data").path(0).path("thread_owner");
        assertThat(other.has("app_id")).isFalse();
        assertThat(other.path("expiration").asLong()).isEqualTo(expiry);
    }

    @Test
    void threadOwnerOfAnIdleThreadIsEmptyAndOfAStrangerIsAnError() {
        page = PageFixture.zeroConfig();
        page.act("messages", Map.of("text", "hi"));

        assertThat(page.graphGet(MARKETING, "me/thread_owner?recipient=" + PSID).json().path("data")).isEmpty();
        HttpJson.Answer stranger = page.graphGet(MARKETING, "me/thread_owner?recipient=424242");
        assertThat(stranger.errorCode()).isEqualTo(100);
        assertThat(stranger.errorSubcode()).isEqualTo(2018001);
    }

    @Test
    void featureStatusSaysWhetherADefaultAppIsSet() {
        page = PageFixture.withDefaultApp();
        JsonNode status = page.graphGet(MARKETING, "me?fields=messaging_feature_status").json();
        assertThat(status.path("id").asText()).isEqualTo(PageFixture.PAGE);
        assertThat(status.path("messaging_feature_status").path("msgr_multi_app").asBoolean()).isTrue();
        assertThat(status.path("messaging_feature_status").path("ig_multi_app").asBoolean()).isFalse();
        assertThat(status.path("messaging_feature_status").path("hop_v2").isBoolean()).isTrue();
        assertThat(status.path("messaging_feature_status").path("hop_v2").asBoolean()).isFalse();
        page.close();

        page = PageFixture.zeroConfig();
        assertThat(page.graphGet(MARKETING, "me?fields=messaging_feature_status").json()
                .path("messaging_feature_status").path("msgr_multi_app").asBoolean()).isFalse();
    }

    @Test
    void instagramReportsIgMultiApp() {
        page = PageFixture.start(EmulatorOptions.forTests(),
                json -> json.put("platform", "instagram").put("default_app_id", DEFAULT_APP));
        JsonNode status = page.graphGet(MARKETING, "me?fields=messaging_feature_status").json()
                .path("messaging_feature_status");
        assertThat(status.path("ig_multi_app").asBoolean()).isTrue();
        assertThat(status.path("msgr_multi_app").asBoolean()).isFalse();
    }

    @Test
    void secondaryReceiversListsTheInboxAndEveryApp() {
        page = PageFixture.withDefaultApp();
        JsonNode data = page.graphGet(MARKETING, PageFixture.PAGE + "/secondary_receivers?fields=id,name").json()
                .path("data");
        assertThat(data).extracting(node -> node.path("id").asText())
                .containsExactly(PageFixture.INBOX, DEFAULT_APP, MARKETING, AGENT);
    }
}
