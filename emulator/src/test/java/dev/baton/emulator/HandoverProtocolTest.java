package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.AGENT;
import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.MARKETING;
import static dev.baton.emulator.PageFixture.PSID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.Channel;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.WebhookEvent;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seed rules: with a default app, take/request/extend and metadata-only passes are disabled while pass and
 * release keep working; without one (zero-config), every app gets messaging webhooks, any app may answer,
 * take is blocked and pass works on an idle thread.
 */
class HandoverProtocolTest {

    private PageFixture page;

    @AfterEach
    void stop() {
        page.close();
    }

    @Test
    void withADefaultAppTheOtherHandoverApisAreDisabled() {
        page = PageFixture.withDefaultApp();
        page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING, "text", "hi"));
        Map<String, Object> recipient = Map.of("recipient", Map.of("id", PSID));

        for (HttpJson.Answer answer : new HttpJson.Answer[] {
            page.graphPost(DEFAULT_APP, "me/take_thread_control", recipient),
            page.graphPost(DEFAULT_APP, "me/request_thread_control", recipient),
            page.graphPost(MARKETING, "me/extend_thread_control", Map.of("recipient", Map.of("id", PSID), "duration", 3600)),
            page.graphPost(MARKETING, "me/pass_thread_control", Map.of("recipient", Map.of("id", PSID),
                    "target_app_id", MARKETING, "metadata", "just metadata")),
        }) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo(27);
            assertThat(answer.errorMessage()).contains("Handover Protocol APIs disabled for this page.");
        }
        assertThat(page.owner()).isEqualTo(MARKETING);
        assertThat(page.graphPost(MARKETING, "me/pass_thread_control", Map.of("recipient", Map.of("id", PSID),
                "target_app_id", AGENT)).json().path("success").asBoolean()).isTrue();
        assertThat(page.graphPost(AGENT, "me/release_thread_control", recipient).json().path("success").asBoolean())
                .isTrue();
        assertThat(page.owner()).isEqualTo(DEFAULT_APP);
    }

    @Test
    void zeroConfigGivesEveryAppMessagingAndLetsAnyAppAnswer() throws Exception {
        page = PageFixture.zeroConfig();

        page.act("messages", Map.of("text", "hello"));

        for (String app : new String[] {DEFAULT_APP, MARKETING, AGENT}) {
            assertThat(page.newEvents(app)).singleElement().isInstanceOfSatisfying(MessageEvent.class,
                    message -> assertThat(message.channel()).isEqualTo(Channel.MESSAGING));
        }
        assertThat(page.owner()).isNull();
        assertThat(page.sendText(MARKETING, "from marketing").status()).isEqualTo(200);
        assertThat(page.sendText(DEFAULT_APP, "from default").status()).isEqualTo(200);
        assertThat(page.conversation().path("transcript")).hasSize(3);
        assertThat(page.awaitNewEvents(AGENT, 2)).extracting(WebhookEvent::channel).containsOnly(Channel.MESSAGING);
    }

    @Test
    void zeroConfigBlocksTakeAllowsPassWhenIdleAndRequest() throws Exception {
        page = PageFixture.zeroConfig();
        page.act("messages", Map.of("text", "hello"));
        Map<String, Object> recipient = Map.of("recipient", Map.of("id", PSID));

        HttpJson.Answer take = page.graphPost(MARKETING, "me/take_thread_control", recipient);
        assertThat(take.errorCode()).isEqualTo(27);
        assertThat(take.errorMessage()).contains("not supported when Conversation Routing is not enabled");

        HttpJson.Answer passToItself = page.graphPost(MARKETING, "me/pass_thread_control",
                Map.of("recipient", Map.of("id", PSID), "target_app_id", MARKETING));
        assertThat(passToItself.json().path("success").asBoolean()).as(passToItself.json().toString()).isTrue();
        assertThat(page.owner()).isEqualTo(MARKETING);
        assertThat(page.awaitNewEvents(MARKETING, 2).get(1)).isInstanceOf(HandoverEvent.PassThreadControl.class);
        page.newEvents(DEFAULT_APP);

        HttpJson.Answer request = page.graphPost(DEFAULT_APP, "me/request_thread_control",
                Map.of("recipient", Map.of("id", PSID), "metadata", "may I?"));
        assertThat(request.json().path("success").asBoolean()).isTrue();
        assertThat(page.awaitNewEvents(MARKETING, 1)).singleElement().isInstanceOfSatisfying(
                HandoverEvent.RequestThreadControl.class, asked -> {
                    assertThat(asked.requestedOwnerAppId()).isEqualTo(DEFAULT_APP);
                    assertThat(asked.metadata()).isEqualTo("may I?");
                });
        HttpJson.Answer notOwnerSend = page.sendText(DEFAULT_APP, "me too");
        assertThat(notOwnerSend.errorSubcode()).isEqualTo(2018300);

        assertThat(page.graphPost(MARKETING, "me/extend_thread_control",
                Map.of("recipient", Map.of("id", PSID), "duration", 7200)).json().path("success").asBoolean()).isTrue();
        assertThat(page.graphPost(MARKETING, "me/release_thread_control", recipient).json().path("success")
                .asBoolean()).isTrue();
        assertThat(page.owner()).isNull();
    }
}
