package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.INBOX;
import static dev.baton.emulator.PageFixture.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.event.Channel;
import dev.baton.event.EchoEvent;
import dev.baton.event.HandoverEvent;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seed rule: the Inbox takes control when a human replies or moves the thread to Main. Rule 8 (our reading of
 * the Handover Protocol's Page Inbox): marking the conversation Done gives control to the default app.
 */
class InboxTest {

    private PageFixture page;

    @BeforeEach
    void marketingOwns() {
        page = PageFixture.withDefaultApp();
        page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING, "text", "hi"));
        page.newEvents(MARKETING);
        page.newEvents(DEFAULT_APP);
    }

    @AfterEach
    void stop() {
        page.close();
    }

    @Test
    void anInboxReplyTakesControlTellsTheOldOwnerAndIsEchoed() {
        page.act("inbox-reply", Map.of("text", "Hi, Sam from support"));

        assertThat(page.owner()).isEqualTo(INBOX);
        var marketing = page.newEvents(MARKETING);
        assertThat(marketing.get(0)).isInstanceOfSatisfying(HandoverEvent.TakeThreadControl.class, take -> {
            assertThat(take.previousOwnerAppId()).isEqualTo(MARKETING);
            assertThat(take.newOwnerAppId()).isEqualTo(INBOX);
        });
        assertThat(marketing.get(1)).isInstanceOfSatisfying(EchoEvent.class, echo -> {
            assertThat(echo.appId()).isEqualTo(INBOX);
            assertThat(echo.message().text()).isEqualTo("Hi, Sam from support");
            assertThat(echo.channel()).isEqualTo(Channel.STANDBY);
        });
        assertThat(page.newEvents(DEFAULT_APP)).singleElement().isInstanceOf(EchoEvent.class);
        JsonNode last = page.conversation().path("transcript").path(1);
        assertThat(last.path("direction").asText()).isEqualTo("outbound");
        assertThat(last.path("app_id").asText()).isEqualTo(INBOX);
    }

    @Test
    void movingToMainTakesControlOnceAndNothingMoreWhenTheInboxAlreadyOwns() {
        JsonNode first = page.act("inbox-move-to-main", Map.of());
        JsonNode second = page.act("inbox-move-to-main", Map.of());

        assertThat(first).hasSize(1);
        assertThat(first.get(0).path("app_id").asText()).isEqualTo(MARKETING);
        assertThat(first.get(0).path("event").path("take_thread_control").path("new_owner_app_id").asText())
                .isEqualTo(INBOX);
        assertThat(second).isEmpty();
        assertThat(page.owner()).isEqualTo(INBOX);
    }

    @Test
    void markingDoneGivesControlToTheDefaultAppWithAPassFromTheInboxAndNothingToOthers() {
        page.act("inbox-reply", Map.of("text", "Hi, Sam from support"));
        page.newEvents(MARKETING);
        page.newEvents(DEFAULT_APP);
        long before = page.conversation().path("control_expires_at").asLong();
        page.emulator.advanceClock(java.time.Duration.ofHours(2));

        JsonNode caused = page.act("inbox-done", Map.of());

        assertThat(page.owner()).isEqualTo(DEFAULT_APP);
        assertThat(caused).singleElement().satisfies(webhook -> {
            assertThat(webhook.path("app_id").asText()).isEqualTo(DEFAULT_APP);
            assertThat(webhook.path("field").asText()).isEqualTo("messaging");
        });
        assertThat(page.newEvents(DEFAULT_APP)).singleElement()
                .isInstanceOfSatisfying(HandoverEvent.PassThreadControl.class, pass -> {
                    assertThat(pass.previousOwnerAppId()).isEqualTo(INBOX);
                    assertThat(pass.newOwnerAppId()).isEqualTo(DEFAULT_APP);
                    assertThat(pass.metadata()).isNull();
                    assertThat(pass.channel()).isEqualTo(Channel.MESSAGING);
                });
        assertThat(page.newEvents(MARKETING)).as("standby apps hear nothing of a handover").isEmpty();
        assertThat(page.conversation().path("control_expires_at").asLong())
                .as("Done is a routing action: the default app's control runs a day from now")
                .isGreaterThanOrEqualTo(before + 2 * 3600 - 1);
    }

    @Test
    void markingDoneWhenTheInboxDoesNotControlTheThreadIsAConflictThatChangesNothing() {
        HttpJson.Answer answer = page.http.post("/_emulator/pages/" + PageFixture.PAGE + "/people/"
                + PageFixture.PSID + "/inbox-done", Map.of());

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().path("error").path("message").asText())
                .contains("the Inbox does not control this thread (owner: " + MARKETING + ")");
        assertThat(page.owner()).isEqualTo(MARKETING);
        assertThat(page.newEvents(MARKETING)).isEmpty();
        assertThat(page.newEvents(DEFAULT_APP)).isEmpty();
    }

    @Test
    void theInboxsControlLapsesLikeAnyOwnersSoDoneAfterADayIsRefused() {
        page.act("inbox-move-to-main", Map.of());
        page.emulator.advanceClock(java.time.Duration.ofHours(25));

        HttpJson.Answer answer = page.http.post("/_emulator/pages/" + PageFixture.PAGE + "/people/"
                + PageFixture.PSID + "/inbox-done", Map.of());

        assertThat(answer.status()).isEqualTo(409);
        assertThat(page.owner()).isEqualTo(DEFAULT_APP);
    }

    @Test
    void doneThroughTheJavaApiAndUnknownKeysRefused() {
        page.act("inbox-move-to-main", Map.of());
        HttpJson.Answer unknownKey = page.http.post("/_emulator/pages/" + PageFixture.PAGE + "/people/"
                + PageFixture.PSID + "/inbox-done", Map.of("target_app_id", MARKETING));
        assertThat(unknownKey.status()).isEqualTo(400);
        assertThat(page.owner()).isEqualTo(INBOX);

        ActionResult result = page.emulator.person(PageFixture.PAGE, PageFixture.PSID).inboxDone();

        assertThat(result.eventsFor(DEFAULT_APP)).singleElement().isInstanceOf(HandoverEvent.PassThreadControl.class);
        assertThat(page.owner()).isEqualTo(DEFAULT_APP);
        assertThatThrownBy(() -> page.emulator.person(PageFixture.PAGE, "no-such-person").inboxDone())
                .isInstanceOfSatisfying(EmulatorException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
    }

    @Test
    void withoutADefaultAppDoneLeavesTheThreadIdleAndWhenTheInboxIsTheDefaultItKeepsIt() {
        page.close();
        page = PageFixture.zeroConfig();
        page.act("messages", Map.of("text", "hi"));
        page.act("inbox-move-to-main", Map.of());
        assertThat(page.act("inbox-done", Map.of())).isEmpty();
        assertThat(page.owner()).isNull();

        page.close();
        page = PageFixture.start(EmulatorOptions.forTests(), json -> json.put("default_app_id", INBOX));
        page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING, "text", "hi"));
        page.act("inbox-move-to-main", Map.of());
        page.newEvents(MARKETING);
        assertThat(page.act("inbox-done", Map.of())).isEmpty();
        assertThat(page.owner()).isEqualTo(INBOX);
    }
}
