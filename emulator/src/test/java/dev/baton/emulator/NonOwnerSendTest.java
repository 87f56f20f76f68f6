package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.AGENT;
import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.MARKETING;
import static dev.baton.emulator.PageFixture.PSID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.Channel;
import dev.baton.event.EchoEvent;
import dev.baton.event.HandoverEvent;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed rule: a non-owner's send fails with 10/2018300 unless it may take control, which then moves to it. */
class NonOwnerSendTest {

    private PageFixture page;

    @BeforeEach
    void marketingOwns() {
        page = PageFixture.withDefaultApp();
        page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING, "text", "hi"));
        page.newEvents(MARKETING);
    }

    @AfterEach
    void stop() {
        page.close();
    }

    @Test
    void aNonOwnerWithoutTakeOverIsRefusedAndNothingChanges() {
        HttpJson.Answer answer = page.sendText(DEFAULT_APP, "I'll answer");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo(10);
        assertThat(answer.errorSubcode()).isEqualTo(2018300);
        assertThat(answer.errorMessage()).contains("another app is controlling this thread");
        assertThat(answer.json().path("error").path("type").asText()).isEqualTo("OAuthException");
        assertThat(page.owner()).isEqualTo(MARKETING);
        assertThat(page.conversation().path("transcript")).hasSize(1);
    }

    @Test
    void anAppAllowedToTakeControlSendsAndTakesItAndTheOldOwnerIsTold() throws Exception {
        HttpJson.Answer answer = page.sendText(AGENT, "A human here");

        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        assertThat(page.owner()).isEqualTo(AGENT);
        var marketing = page.awaitNewEvents(MARKETING, 2);
        assertThat(marketing.get(0)).isInstanceOfSatisfying(HandoverEvent.TakeThreadControl.class, take -> {
            assertThat(take.previousOwnerAppId()).isEqualTo(MARKETING);
            assertThat(take.newOwnerAppId()).isEqualTo(AGENT);
            assertThat(take.channel()).isEqualTo(Channel.MESSAGING);
        });
        assertThat(marketing.get(1)).isInstanceOfSatisfying(EchoEvent.class, echo -> {
            assertThat(echo.appId()).isEqualTo(AGENT);
            assertThat(echo.channel()).isEqualTo(Channel.STANDBY);
        });
        assertThat(page.awaitNewEvents(AGENT, 1)).singleElement().isInstanceOfSatisfying(EchoEvent.class,
                echo -> assertThat(echo.channel()).isEqualTo(Channel.MESSAGING));
    }

    @Test
    void aTakeOverSendWhoseThreadControlIsRefusedSendsNothingAndTakesNothing() {
        HttpJson.Answer answer = page.graphPost(AGENT, "me/messages", Map.of("messaging_type", "RESPONSE",
                "recipient", Map.of("id", PSID), "message", Map.of("text", "mine, and passing to me"),
                "thread_control", Map.of("app_id", AGENT, "control_type", "pass")));

        assertThat(answer.errorCode()).isEqualTo(27);
        assertThat(page.owner()).isEqualTo(MARKETING);
        assertThat(page.conversation().path("transcript")).hasSize(1);
    }

    @Test
    void aTakeOverSendMayPassOnInTheSameCall() throws Exception {
        HttpJson.Answer answer = page.graphPost(AGENT, "me/messages", Map.of("messaging_type", "RESPONSE",
                "recipient", Map.of("id", PSID), "message", Map.of("text", "over to the default app"),
                "thread_control", Map.of("payload", "pass_thread_control")));

        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        assertThat(page.owner()).isEqualTo(DEFAULT_APP);
        assertThat(page.awaitNewEvents(MARKETING, 2).get(0)).isInstanceOf(HandoverEvent.TakeThreadControl.class);
    }

    @Test
    void theHumanAgentTagNeverTakesControl() {
        HttpJson.Answer answer = page.graphPost(AGENT, "me/messages", Map.of("messaging_type", "MESSAGE_TAG",
                "tag", "HUMAN_AGENT", "recipient", Map.of("id", PSID), "message", Map.of("text", "agent")));

        assertThat(answer.errorSubcode()).isEqualTo(2018300);
        assertThat(page.owner()).isEqualTo(MARKETING);
    }
}
