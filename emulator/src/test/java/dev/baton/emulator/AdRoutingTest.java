package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.AGENT;
import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.event.Channel;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.WebhookEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed rule: a CTM ad tap routes to the receiving app; the default app watches on standby. */
class AdRoutingTest {

    private PageFixture page;

    @BeforeEach
    void start() {
        page = PageFixture.withDefaultApp();
    }

    @AfterEach
    void stop() {
        page.close();
    }

    @Test
    void adTapPassesControlToTheReceivingAppWithHandoverAndReferral() {
        JsonNode caused = page.act("ad-click", Map.of("ad_id", "ad-77", "receiving_app_id", MARKETING, "ref", "spring",
                "ads_context_data", Map.of("ad_title", "Spring sale", "photo_url", "https://x.test/p.jpg")));

        List<WebhookEvent> marketing = page.newEvents(MARKETING);
        assertThat(marketing).hasSize(2);
        assertThat(marketing.get(0)).isInstanceOfSatisfying(HandoverEvent.PassThreadControl.class, pass -> {
            assertThat(pass.newOwnerAppId()).isEqualTo(MARKETING);
            assertThat(pass.previousOwnerAppId()).isNull();
            assertThat(pass.channel()).isEqualTo(Channel.MESSAGING);
        });
        assertThat(marketing.get(1)).isInstanceOfSatisfying(ReferralEvent.class, referral -> {
            assertThat(referral.channel()).isEqualTo(Channel.MESSAGING);
            assertThat(referral.referral().source()).isEqualTo("ADS");
            assertThat(referral.referral().type()).isEqualTo("OPEN_THREAD");
            assertThat(referral.referral().adId()).isEqualTo("ad-77");
            assertThat(referral.referral().ref()).isEqualTo("spring");
            assertThat(referral.referral().adsContext().adTitle()).isEqualTo("Spring sale");
        });
        assertThat(page.newEvents(DEFAULT_APP)).singleElement().isInstanceOfSatisfying(ReferralEvent.class, referral -> {
            assertThat(referral.channel()).isEqualTo(Channel.STANDBY);
            assertThat(referral.referral().adId()).isEqualTo("ad-77");
        });
        assertThat(page.newEvents(AGENT)).as("standby off").isEmpty();
        assertThat(page.owner()).isEqualTo(MARKETING);
        assertThat(caused).hasSize(3);
        assertThat(caused.get(0).path("event").path("pass_thread_control").path("new_owner_app_id").asText())
                .isEqualTo(MARKETING);
        assertThat(caused.get(0).path("delivery").path("status").asInt()).isEqualTo(200);
    }

    @Test
    void adTapWithAFirstMessageCarriesTheReferralInsideTheMessage() {
        page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING, "text", "Is it in stock?"));

        List<WebhookEvent> marketing = page.newEvents(MARKETING);
        assertThat(marketing.get(0)).isInstanceOf(HandoverEvent.PassThreadControl.class);
        assertThat(marketing.get(1)).isInstanceOfSatisfying(MessageEvent.class, message -> {
            assertThat(message.channel()).isEqualTo(Channel.MESSAGING);
            assertThat(message.message().text()).isEqualTo("Is it in stock?");
            assertThat(message.message().referral().adId()).isEqualTo("ad-1");
            assertThat(message.message().referral().source()).isEqualTo("ADS");
        });
        assertThat(page.newEvents(DEFAULT_APP)).singleElement().isInstanceOfSatisfying(MessageEvent.class, message -> {
            assertThat(message.channel()).isEqualTo(Channel.STANDBY);
            assertThat(message.message().referral().adId()).isEqualTo("ad-1");
        });
    }

    @Test
    void quickReplyAndWelcomeButtonGoToMarketingAndAPayloadlessStandbyToTheDefaultApp() {
        page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING));
        page.newEvents(MARKETING);
        page.newEvents(DEFAULT_APP);

        page.act("messages", Map.of("text", "Yes please", "quick_reply_payload", "QR_YES"));
        page.act("postbacks", Map.of("payload", "WELCOME_START", "title", "Start"));

        List<WebhookEvent> marketing = page.newEvents(MARKETING);
        assertThat(marketing.get(0)).isInstanceOfSatisfying(MessageEvent.class, message -> {
            assertThat(message.channel()).isEqualTo(Channel.MESSAGING);
            assertThat(message.message().quickReplyPayload()).isEqualTo("QR_YES");
        });
        assertThat(marketing.get(1)).isInstanceOfSatisfying(PostbackEvent.class, postback -> {
            assertThat(postback.channel()).isEqualTo(Channel.MESSAGING);
            assertThat(postback.payload()).isEqualTo("WELCOME_START");
        });
        List<WebhookEvent> standby = page.newEvents(DEFAULT_APP);
        assertThat(standby).extracting(WebhookEvent::channel).containsOnly(Channel.STANDBY);
        assertThat(standby.get(1)).isInstanceOfSatisfying(PostbackEvent.class, postback -> {
            assertThat(postback.title()).isEqualTo("Start");
            assertThat(postback.payload()).as("Meta keeps the payload from standby apps").isNull();
        });
        String body = page.receivers.get(DEFAULT_APP).received().get(page.receivers.get(DEFAULT_APP).received().size() - 1)
                .bodyText();
        assertThat(body).contains("\"standby\"").doesNotContain("WELCOME_START");
    }

    @Test
    void anAdWhoseReceivingAppIsNotConnectedGoesToTheDefaultApp() {
        page.act("ad-click", Map.of("ad_id", "ad-9", "receiving_app_id", "5555", "text", "hi"));

        assertThat(page.owner()).isEqualTo(DEFAULT_APP);
        assertThat(page.newEvents(MARKETING)).singleElement().extracting(WebhookEvent::channel).isEqualTo(Channel.STANDBY);
        assertThat(page.newEvents(DEFAULT_APP)).singleElement().isInstanceOfSatisfying(MessageEvent.class,
                message -> assertThat(message.channel()).isEqualTo(Channel.MESSAGING));
    }
}
