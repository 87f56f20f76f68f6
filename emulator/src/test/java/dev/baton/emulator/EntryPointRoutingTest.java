package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.AGENT;
import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.Channel;
import dev.baton.event.MessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.WebhookEvent;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Seed rules: idle release after 24 hours, the window, Get Started, social routing and link routing. */
class EntryPointRoutingTest {

    private PageFixture page;

    @AfterEach
    void stop() {
        page.close();
    }

    @Test
    void anIdleThreadReturnsToTheDefaultAppAfter24HoursWithNoWebhook() {
        page = PageFixture.withDefaultApp();
        page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING));
        page.newEvents(MARKETING);
        page.newEvents(DEFAULT_APP);

        page.http.post("/_emulator/clock", Map.of("advance_seconds", 23 * 3600));
        assertThat(page.owner()).isEqualTo(MARKETING);
        page.http.post("/_emulator/clock", Map.of("advance_seconds", 3600));

        assertThat(page.owner()).isEqualTo(DEFAULT_APP);
        assertThat(page.newEvents(MARKETING)).isEmpty();
        assertThat(page.newEvents(DEFAULT_APP)).isEmpty();
        page.act("messages", Map.of("text", "back again"));
        assertThat(page.newEvents(DEFAULT_APP)).singleElement().isInstanceOfSatisfying(MessageEvent.class,
                message -> assertThat(message.channel()).isEqualTo(Channel.MESSAGING));
        assertThat(page.newEvents(MARKETING)).singleElement().extracting(WebhookEvent::channel)
                .isEqualTo(Channel.STANDBY);
    }

    @Test
    void aMessageAfterTheWindowGoesToTheSocialAppWhenOneIsSet() {
        page = PageFixture.start(EmulatorOptions.forTests(),
                json -> json.put("default_app_id", DEFAULT_APP).put("social_app_id", AGENT));
        page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING, "text", "hi"));
        page.graphPost(MARKETING, "me/pass_thread_control", Map.of("recipient", Map.of("id", PageFixture.PSID),
                "target_app_id", MARKETING.equals(DEFAULT_APP) ? AGENT : DEFAULT_APP));
        page.emulator.advanceClock(java.time.Duration.ofHours(25));

        page.act("messages", Map.of("text", "new question"));

        assertThat(page.owner()).isEqualTo(AGENT);
    }

    @Test
    void aMessageWithinTheWindowStaysWithTheOwner() {
        page = PageFixture.start(EmulatorOptions.forTests(),
                json -> json.put("default_app_id", DEFAULT_APP).put("social_app_id", AGENT));
        page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING, "text", "hi"));
        page.emulator.advanceClock(java.time.Duration.ofHours(23));

        page.act("messages", Map.of("text", "still here"));

        assertThat(page.owner()).isEqualTo(MARKETING);
    }

    @Test
    void getStartedGivesControlToTheSocialAppOrElseTheDefaultApp() {
        page = PageFixture.start(EmulatorOptions.forTests(),
                json -> json.put("default_app_id", DEFAULT_APP).put("social_app_id", AGENT)
                        .put("get_started_payload", "GS"));
        page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING));
        page.newEvents(AGENT);

        page.act("get-started", Map.of("ref", "from-site"));

        assertThat(page.owner()).isEqualTo(AGENT);
        assertThat(page.newEvents(AGENT)).singleElement().isInstanceOfSatisfying(PostbackEvent.class, postback -> {
            assertThat(postback.channel()).isEqualTo(Channel.MESSAGING);
            assertThat(postback.payload()).isEqualTo("GS");
            assertThat(postback.referral().ref()).isEqualTo("from-site");
            assertThat(postback.referral().source()).isEqualTo("SHORTLINK");
        });
    }

    @Test
    void getStartedWithoutASocialAppGoesToTheDefaultApp() {
        page = PageFixture.withDefaultApp();
        page.act("ad-click", Map.of("ad_id", "ad-1", "receiving_app_id", MARKETING));

        page.act("get-started", Map.of());

        assertThat(page.owner()).isEqualTo(DEFAULT_APP);
    }

    @Test
    void anMmeLinkWithARoutedRefGivesThatAppControlAndAShortlinkReferral() {
        page = PageFixture.start(EmulatorOptions.forTests(), json -> {
            json.put("default_app_id", DEFAULT_APP);
            json.putObject("link_routes").put("support", AGENT).put("promo", MARKETING);
        });

        page.act("link", Map.of("ref", "promo"));

        assertThat(page.owner()).isEqualTo(MARKETING);
        assertThat(page.newEvents(MARKETING)).singleElement().isInstanceOfSatisfying(ReferralEvent.class, referral -> {
            assertThat(referral.channel()).isEqualTo(Channel.MESSAGING);
            assertThat(referral.referral().source()).isEqualTo("SHORTLINK");
            assertThat(referral.referral().type()).isEqualTo("OPEN_THREAD");
            assertThat(referral.referral().ref()).isEqualTo("promo");
        });
        assertThat(page.newEvents(DEFAULT_APP)).singleElement().extracting(WebhookEvent::channel)
                .isEqualTo(Channel.STANDBY);

        page.act("link", Map.of("ref", "support"));
        assertThat(page.owner()).isEqualTo(AGENT);
    }

    @Test
    void anUnroutedLinkOnAFreshThreadGoesToTheDefaultApp() {
        page = PageFixture.withDefaultApp();

        page.act("link", Map.of("ref", "unknown-ref"));

        assertThat(page.owner()).isEqualTo(DEFAULT_APP);
    }
}
