package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.AGENT;
import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.MARKETING;
import static dev.baton.emulator.PageFixture.PSID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.Channel;
import dev.baton.event.EchoEvent;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.WebhookEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed rules: pass (both Send API forms and pass_thread_control) and release (both APIs), owner only. */
class ThreadControlTest {

    private PageFixture page;

    @BeforeEach
    void marketingOwnsTheThread() {
        page = PageFixture.withDefaultApp();
        page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING, "text", "hello"));
        page.newEvents(MARKETING);
        page.newEvents(DEFAULT_APP);
    }

    @AfterEach
    void stop() {
        page.close();
    }

    @Test
    void sendApiPayloadPassGoesToTheDefaultAppWithAHandoverAndNothingToTheOldOwner() throws Exception {
        HttpJson.Answer answer = page.graphPost(MARKETING, "me/messages", Map.of("messaging_type", "RESPONSE",
                "recipient", Map.of("id", PSID), "message", Map.of("text", "Passing you on"),
                "thread_control", Map.of("payload", "pass_thread_control")));

        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        assertThat(answer.json().path("recipient_id").asText()).isEqualTo(PSID);
        assertThat(answer.json().path("message_id").asText()).startsWith("m_");
        List<WebhookEvent> defaultApp = page.awaitNewEvents(DEFAULT_APP, 2);
        assertThat(defaultApp.get(0)).isInstanceOfSatisfying(EchoEvent.class,
                echo -> assertThat(echo.channel()).isEqualTo(Channel.STANDBY));
        assertThat(defaultApp.get(1)).isInstanceOfSatisfying(HandoverEvent.PassThreadControl.class, pass -> {
            assertThat(pass.previousOwnerAppId()).isEqualTo(MARKETING);
            assertThat(pass.newOwnerAppId()).isEqualTo(DEFAULT_APP);
        });
        assertThat(page.awaitNewEvents(MARKETING, 1)).singleElement().isInstanceOf(EchoEvent.class);
        assertThat(page.owner()).isEqualTo(DEFAULT_APP);
        assertNoMoreEventsBeforeTheNextMessage(MARKETING, Channel.STANDBY);
    }

    @Test
    void sendApiAppIdPassGoesToTheNamedApp() throws Exception {
        HttpJson.Answer answer = page.graphPost(MARKETING, "1001/messages", Map.of("messaging_type", "RESPONSE",
                "recipient", Map.of("id", PSID), "message", Map.of("text", "An agent will help"),
                "thread_control", Map.of("app_id", AGENT, "control_type", "pass")));

        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        assertThat(page.awaitNewEvents(AGENT, 1)).singleElement().isInstanceOfSatisfying(
                HandoverEvent.PassThreadControl.class, pass -> assertThat(pass.newOwnerAppId()).isEqualTo(AGENT));
        assertThat(page.owner()).isEqualTo(AGENT);
    }

    @Test
    void passThreadControlCarriesMetadataToTheTarget() throws Exception {
        HttpJson.Answer answer = page.graphPost(MARKETING, "me/pass_thread_control", Map.of(
                "recipient", Map.of("id", PSID), "target_app_id", AGENT, "metadata", "wants a human"));

        assertThat(answer.json().path("success").asBoolean()).as(answer.json().toString()).isTrue();
        assertThat(page.awaitNewEvents(AGENT, 1)).singleElement().isInstanceOfSatisfying(
                HandoverEvent.PassThreadControl.class, pass -> {
                    assertThat(pass.previousOwnerAppId()).isEqualTo(MARKETING);
                    assertThat(pass.newOwnerAppId()).isEqualTo(AGENT);
                    assertThat(pass.metadata()).isEqualTo("wants a human");
                });
        assertThat(page.owner()).isEqualTo(AGENT);
        assertNoMoreEventsBeforeTheNextMessage(MARKETING, Channel.STANDBY);
    }

    @Test
    void passWithoutTargetGoesToTheDefaultApp() throws Exception {
        page.graphPost(MARKETING, "1001/pass_thread_control", Map.of("recipient", Map.of("id", PSID)));

        assertThat(page.awaitNewEvents(DEFAULT_APP, 1)).singleElement().isInstanceOfSatisfying(
                HandoverEvent.PassThreadControl.class, pass -> assertThat(pass.newOwnerAppId()).isEqualTo(DEFAULT_APP));
    }

    @Test
    void onlyTheOwnerMayPassOrRelease() {
        HttpJson.Answer pass = page.graphPost(DEFAULT_APP, "me/pass_thread_control",
                Map.of("recipient", Map.of("id", PSID), "target_app_id", AGENT));
        HttpJson.Answer release = page.graphPost(DEFAULT_APP, "me/release_thread_control",
                Map.of("recipient", Map.of("id", PSID)));

        for (HttpJson.Answer answer : List.of(pass, release)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo(100);
            assertThat(answer.errorSubcode()).isEqualTo(2534037);
            assertThat(answer.json().path("error").path("fbtrace_id").asText()).isNotBlank();
        }
        assertThat(page.owner()).isEqualTo(MARKETING);
    }

    @Test
    void releaseThroughHandoverApiReturnsControlToTheDefaultAppWithNoWebhook() throws Exception {
        HttpJson.Answer answer = page.graphPost(MARKETING, "me/release_thread_control",
                Map.of("recipient", Map.of("id", PSID), "metadata", "done"));

        assertThat(answer.json().path("success").asBoolean()).isTrue();
        assertThat(page.owner()).isEqualTo(DEFAULT_APP);
        assertNoMoreEventsBeforeTheNextMessage(Map.of(DEFAULT_APP, Channel.MESSAGING, MARKETING, Channel.STANDBY));
    }

    @Test
    void releaseThroughTheSendApiAlsoSendsTheMessageAndNoHandover() throws Exception {
        HttpJson.Answer answer = page.graphPost(MARKETING, "me/messages", Map.of("messaging_type", "RESPONSE",
                "recipient", Map.of("id", PSID), "message", Map.of("text", "Thanks!"),
                "thread_control", Map.of("app_id", DEFAULT_APP, "control_type", "release")));

        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        assertThat(page.awaitNewEvents(DEFAULT_APP, 1)).singleElement().isInstanceOf(EchoEvent.class);
        assertThat(page.owner()).isEqualTo(DEFAULT_APP);
        assertNoMoreEventsBeforeTheNextMessage(DEFAULT_APP, Channel.MESSAGING);
    }

    @Test
    void bothThreadControlFormsAtOnceAreRefusedAndNothingIsSent() {
        HttpJson.Answer answer = page.graphPost(MARKETING, "me/messages", Map.of("messaging_type", "RESPONSE",
                "recipient", Map.of("id", PSID), "message", Map.of("text", "x"),
                "thread_control", Map.of("payload", "pass_thread_control", "app_id", DEFAULT_APP)));

        assertThat(answer.errorCode()).isEqualTo(100);
        assertThat(answer.errorMessage()).contains("cannot be combined");
        assertThat(page.owner()).isEqualTo(MARKETING);
        assertThat(page.conversation().path("transcript")).hasSize(1);
    }

    /** Per-app delivery is ordered, so if the next person message is the next event, nothing came before it. */
    private void assertNoMoreEventsBeforeTheNextMessage(String app, Channel expectedChannel) {
        assertNoMoreEventsBeforeTheNextMessage(Map.of(app, expectedChannel));
    }

    private void assertNoMoreEventsBeforeTheNextMessage(Map<String, Channel> expectedChannels) {
        page.act("messages", Map.of("text", "probe"));
        expectedChannels.forEach((app, expectedChannel) -> assertThat(page.newEvents(app)).singleElement()
                .isInstanceOfSatisfying(MessageEvent.class, message -> {
                    assertThat(message.message().text()).isEqualTo("probe");
                    assertThat(message.channel()).isEqualTo(expectedChannel);
                }));
    }
}
