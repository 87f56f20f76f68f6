package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.INBOX;
import static dev.baton.emulator.PageFixture.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.event.Channel;
import dev.baton.event.EchoEvent;
import dev.baton.event.HandoverEvent;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed rule: the Inbox takes control when a human replies or moves the thread to Main. */
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
}
