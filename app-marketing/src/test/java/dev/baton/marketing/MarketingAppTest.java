package dev.baton.marketing;

import static dev.baton.marketing.Fixtures.adMessage;
import static dev.baton.marketing.Fixtures.config;
import static dev.baton.marketing.Fixtures.passedToUs;
import static dev.baton.marketing.Fixtures.quickReply;
import static dev.baton.marketing.Fixtures.referral;
import static dev.baton.marketing.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.baton.testing.TestingConversation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.event.Channel;
import dev.baton.event.EventHeader;
import dev.baton.event.HandoverEvent;
import dev.baton.event.Message;
import dev.baton.event.MessageEvent;
import dev.baton.marketing.lead.Lead;
import dev.baton.marketing.lead.LeadSink;
import dev.baton.send.QuickReply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketingAppTest {

    private static final String PRICES = "BATON_MKT:spring-sale:prices";
    private static final String QUOTE = "BATON_MKT:spring-sale:quote";
    private static final String TALK = "BATON_MKT:spring-sale:talk";

    private final List<Lead> leads = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TestingConversation conversation = Fixtures.conversation();
    private MarketingApp app = new MarketingApp(config(null, null), leads::add, registry, "marketing");

    private long ts = conversation.now().toEpochMilli();

    private long tick() {
        ts += 1000;
        return ts;
    }

    @Test
    void answersAndReleasesWithMetadataAndAttribution() throws Exception {
        app.onReferral(referral("ad-1", null, tick()), conversation);
        assertThat(conversation.sentTexts()).containsExactly("Hi! Spring sale is on. What would you like?");
        assertThat(conversation.sends().get(0).message().quickReplies())
                .extracting(QuickReply::title, QuickReply::payload)
                .containsExactly(tuple("See prices", PRICES), tuple("Get a quote", QUOTE), tuple("Talk to us", TALK));
        assertThat(conversation.timers()).containsEntry(Flow.DEADLINE_TIMER,
                conversation.now().plus(Duration.ofMinutes(30)));

        app.onMessage(quickReply("m1", "See prices", PRICES, tick()), conversation);

        assertThat(conversation.sentTexts()).last().isEqualTo("Everything is 20% off until May 31.");
        assertThat(conversation.releases()).hasSize(1);
        assertThat(conversation.passMetadata()).isEmpty();
        JsonNode metadata = new ObjectMapper().readTree(conversation.releases().get(0));
        assertThat(metadata.get("why").asText()).isEqualTo("answered");
        assertThat(metadata.get("campaign").asText()).isEqualTo("spring-sale");
        assertThat(metadata.get("ad_id").asText()).isEqualTo("ad-1");
        assertThat(metadata.get("choice").asText()).isEqualTo("prices");
        assertThat(conversation.timers()).isEmpty();
        assertThat(registry.get("baton.marketing.conversations.finished")
                .tags("campaign", "spring-sale", "outcome", "released").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("baton.marketing.first.reply").tags("campaign", "spring-sale").timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(1000.0);
    }

    @Test
    void matchesByRefWhenTheAdIdIsUnknown() {
        app.onReferral(referral("ad-unknown", "spring", tick()), conversation);

        assertThat(conversation.sentTexts()).singleElement().asString().startsWith("Hi! Spring sale");
        assertThat(conversation.stateValues()).containsEntry("campaign", "spring-sale").containsEntry("ref", "spring");
    }

    @Test
    void usesTheFallbackCampaignWhenNothingMatches() {
        app = new MarketingApp(config("general", null), leads::add, registry, "marketing");

        app.onReferral(referral("ad-unknown", null, tick()), conversation);

        assertThat(conversation.sentTexts()).singleElement().asString().startsWith("Hello! How can we help?");
    }

    @Test
    void passesWhenNoCampaignMatchesAndThereIsNoFallback() throws Exception {
        app.onReferral(referral("ad-unknown", null, tick()), conversation);

        assertThat(conversation.sends()).isEmpty();
        assertThat(conversation.passMetadata()).singleElement().satisfies(metadata ->
                assertThat(new ObjectMapper().readTree(metadata).get("why").asText()).isEqualTo("no-campaign"));
        assertThat(conversation.passedTo()).isNull();
    }

    @Test
    void collectsAValidatedLeadThenReleases() throws Exception {
        app.onReferral(referral("ad-1", null, tick()), conversation);
        app.onMessage(quickReply("m1", "Get a quote", QUOTE, tick()), conversation);
        assertThat(conversation.sentTexts()).last().isEqualTo("What's your email address?");
        assertThat(conversation.sends().get(1).message().quickReplies()).containsExactly(QuickReply.userEmail());

        app.onMessage(text("m2", "not an email", tick()), conversation);
        assertThat(conversation.sentTexts()).last().asString().contains("doesn't look like an email");
        assertThat(leads).isEmpty();

        // Tapping Messenger's "your email" quick reply puts the address in the payload.
        app.onMessage(quickReply("m3", "Jane.Doe@Example.com", " Jane.Doe@Example.com ", tick()), conversation);

        assertThat(leads).singleElement().satisfies(lead -> {
            assertThat(lead.contact()).isEqualTo("jane.doe@example.com");
            assertThat(lead.campaign()).isEqualTo("spring-sale");
            assertThat(lead.adId()).isEqualTo("ad-1");
            assertThat(lead.userId()).isEqualTo("psid-1");
        });
        assertThat(conversation.sentTexts()).last().isEqualTo("Thanks, a quote is on its way.");
        assertThat(conversation.releases()).singleElement().satisfies(metadata -> {
            JsonNode json = new ObjectMapper().readTree(metadata);
            assertThat(json.get("outcome").asText()).isEqualTo("lead");
            assertThat(json.get("lead").get("contact").asText()).isEqualTo("jane.doe@example.com");
        });
        assertThat(registry.get("baton.marketing.leads").tags("kind", "email").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("baton.marketing.leads.invalid").counter().count()).isEqualTo(1.0);
    }

    @Test
    void passesAfterALeadWhenConfiguredTo() {
        app = new MarketingApp(config(null, LeadCapture.Then.PASS), leads::add, registry, "marketing");
        app.onReferral(referral("ad-1", null, tick()), conversation);
        app.onMessage(quickReply("m1", "Get a quote", QUOTE, tick()), conversation);
        app.onMessage(text("m2", "jane@example.com", tick()), conversation);

        assertThat(conversation.passMetadata()).hasSize(1);
        assertThat(conversation.releases()).isEmpty();
        assertThat(conversation.stateValues()).containsEntry("outcome", "LEAD");
    }

    @Test
    void passesWhenTheLeadStaysInvalid() throws Exception {
        app.onReferral(referral("ad-1", null, tick()), conversation);
        app.onMessage(quickReply("m1", "Get a quote", QUOTE, tick()), conversation);
        app.onMessage(text("m2", "nope", tick()), conversation);
        app.onMessage(text("m3", "still nope", tick()), conversation);

        assertThat(leads).isEmpty();
        assertThat(conversation.passMetadata()).singleElement().satisfies(metadata ->
                assertThat(new ObjectMapper().readTree(metadata).get("why").asText()).isEqualTo("lead-invalid"));
    }

    @Test
    void aFailingSinkPassesTheLeadOnInsteadOfLosingIt() throws Exception {
        LeadSink broken = lead -> {
            throw new IllegalStateException("disk full");
        };
        app = new MarketingApp(config(null, null), broken, registry, "marketing");
        app.onReferral(referral("ad-1", null, tick()), conversation);
        app.onMessage(quickReply("m1", "Get a quote", QUOTE, tick()), conversation);
        app.onMessage(text("m2", "jane@example.com", tick()), conversation);

        assertThat(conversation.passMetadata()).singleElement().satisfies(metadata -> {
            JsonNode json = new ObjectMapper().readTree(metadata);
            assertThat(json.get("why").asText()).isEqualTo("lead-not-stored");
            assertThat(json.get("lead").get("contact").asText()).isEqualTo("jane@example.com");
        });
        assertThat(registry.get("baton.marketing.leads.failed").counter().count()).isEqualTo(1.0);
    }

    @Test
    void passChoiceSaysItsLineThenPasses() {
        app.onReferral(referral("ad-1", null, tick()), conversation);
        app.onMessage(quickReply("m1", "Talk to us", TALK, tick()), conversation);

        assertThat(conversation.sentTexts()).last().isEqualTo("Connecting you with the team.");
        assertThat(conversation.passMetadata()).hasSize(1);
        assertThat(conversation.ownerAppId()).isEqualTo(Fixtures.DEFAULT_APP_ID);
    }

    @Test
    void aTypedChoiceTitleCountsAsTheTap() {
        app.onReferral(referral("ad-1", null, tick()), conversation);
        app.onMessage(text("m1", "see PRICES", tick()), conversation);

        assertThat(conversation.releases()).hasSize(1);
    }

    @Test
    void stopOrAgentPassesAtOnce() throws Exception {
        app.onReferral(referral("ad-1", null, tick()), conversation);
        app.onMessage(text("m1", "  AGENT ", tick()), conversation);

        assertThat(conversation.sends()).hasSize(1);
        assertThat(conversation.passMetadata()).singleElement().satisfies(metadata ->
                assertThat(new ObjectMapper().readTree(metadata).get("why").asText()).isEqualTo("keyword"));
    }

    @Test
    void stopAsTheAdsFirstMessagePassesWithoutAWelcomeAnswer() {
        app.onMessage(adMessage("m1", "stop", "ad-1", tick()), conversation);

        assertThat(conversation.sends()).isEmpty();
        assertThat(conversation.passMetadata()).hasSize(1);
        assertThat(conversation.stateValues()).containsEntry("campaign", "spring-sale");
    }

    @Test
    void theAdsCannedFirstMessageIsNotTakenAsAnAnswer() {
        app.onMessage(adMessage("m1", "Is this still available?", "ad-1", tick()), conversation);

        assertThat(conversation.sends()).hasSize(1);
        assertThat(conversation.passMetadata()).isEmpty();
        assertThat(conversation.releases()).isEmpty();
        assertThat(conversation.stateValues()).containsEntry("stage", "WELCOMED");
    }

    @Test
    void unrecognisedAnswersAreReaskedThenPassed() {
        app.onReferral(referral("ad-1", null, tick()), conversation);
        app.onMessage(text("m1", "hmm?", tick()), conversation);
        assertThat(conversation.sentTexts()).last().isEqualTo("Please pick one of these:");
        assertThat(conversation.sends().get(1).message().quickReplies()).hasSize(3);
        assertThat(conversation.passMetadata()).isEmpty();

        app.onMessage(text("m2", "what?", tick()), conversation);

        assertThat(conversation.passMetadata()).hasSize(1);
        assertThat(conversation.sends()).hasSize(2);
    }

    @Test
    void theDeadlineReleasesAnOpenConversationAndMovesWithEachMessage() throws Exception {
        app.onReferral(referral("ad-1", null, tick()), conversation);
        conversation.advance(Duration.ofMinutes(20));
        app.onMessage(quickReply("m1", "Get a quote", QUOTE, tick()), conversation);
        assertThat(conversation.timers().get(Flow.DEADLINE_TIMER))
                .isEqualTo(conversation.now().plus(Duration.ofMinutes(30)));

        conversation.advance(Duration.ofMinutes(30));
        app.onTimer(Flow.DEADLINE_TIMER, conversation);

        assertThat(conversation.releases()).singleElement().satisfies(metadata ->
                assertThat(new ObjectMapper().readTree(metadata).get("outcome").asText()).isEqualTo("timed-out"));
        assertThat(registry.get("baton.marketing.conversations.finished").tags("outcome", "timed-out").counter()
                .count()).isEqualTo(1.0);
        app.onTimer(Flow.DEADLINE_TIMER, conversation);
        assertThat(conversation.releases()).hasSize(1);
    }

    @Test
    void controlWithoutAnAdIsReleasedAtTheDeadline() {
        app.onHandover(passedToUs(tick()), conversation);
        assertThat(conversation.timers()).containsKey(Flow.DEADLINE_TIMER);

        app.onTimer(Flow.DEADLINE_TIMER, conversation);

        assertThat(conversation.sends()).isEmpty();
        assertThat(conversation.releases()).hasSize(1);
    }

    @Test
    void handoverThenReferralWelcomesOnce() {
        app.onHandover(passedToUs(tick()), conversation);
        app.onReferral(referral("ad-1", null, tick()), conversation);
        app.onHandover(passedToUs(ts - 1000), conversation);

        assertThat(conversation.sends()).hasSize(1);
        assertThat(conversation.stateValues()).containsEntry("stage", "WELCOMED");
    }

    @Test
    void aDuplicateReferralDoesNotWelcomeTwice() {
        long at = tick();
        app.onReferral(referral("ad-1", null, at), conversation);
        app.onReferral(referral("ad-1", null, at), conversation);

        assertThat(conversation.sends()).hasSize(1);
    }

    @Test
    void aLateDuplicateReferralAfterTheEndIsIgnoredEvenIfTheThreadLooksOwned() {
        long at = tick();
        app.onReferral(referral("ad-1", null, at), conversation);
        app.onMessage(quickReply("m1", "See prices", PRICES, tick()), conversation);
        // The dispatcher saw a messaging[] copy and believes this app owns the thread again.
        conversation.setOwner(Fixtures.APP_ID);

        app.onReferral(referral("ad-1", null, at), conversation);
        // An older referral delivered out of order (different content, so not caught as a duplicate).
        app.onReferral(referral("ad-1", "spring", at - 500), conversation);

        assertThat(conversation.sends()).hasSize(2);
        assertThat(conversation.releases()).hasSize(1);
    }

    @Test
    void aNewAdTapAfterTheEndStartsAgain() {
        app.onReferral(referral("ad-1", null, tick()), conversation);
        app.onMessage(quickReply("m1", "See prices", PRICES, tick()), conversation);
        conversation.setOwner(Fixtures.APP_ID);
        conversation.advance(Duration.ofMinutes(60 * 24));

        app.onReferral(referral("ad-1", null, conversation.now().toEpochMilli()), conversation);

        assertThat(conversation.sends()).hasSize(3);
        assertThat(conversation.stateValues()).containsEntry("stage", "WELCOMED");
    }

    @Test
    void standbyClosesTheFlowSilentlyAndNothingIsSentAfter() {
        app.onReferral(referral("ad-1", null, tick()), conversation);
        conversation.setOwner("263902037430900");
        app.onStandby(new MessageEvent(new EventHeader("page-1", "psid-1", "page-1", tick(), Channel.STANDBY),
                Message.text("m1", "hello?")), conversation);

        app.onTimer(Flow.DEADLINE_TIMER, conversation);
        app.onReferral(referral("ad-1", null, tick()), conversation);

        assertThat(conversation.sends()).hasSize(1);
        assertThat(conversation.releases()).isEmpty();
        assertThat(conversation.passMetadata()).isEmpty();
        assertThat(conversation.stateValues()).containsEntry("outcome", "LOST_CONTROL");
    }

    @Test
    void neverSendsWhenItDoesNotOwnTheThread() {
        conversation.setOwner(Fixtures.DEFAULT_APP_ID);

        app.onReferral(referral("ad-1", null, tick()), conversation);
        app.onMessage(quickReply("m1", "See prices", PRICES, tick()), conversation);
        app.onMessage(text("m2", "stop", tick()), conversation);
        app.onTimer(Flow.DEADLINE_TIMER, conversation);

        assertThat(conversation.sends()).isEmpty();
        assertThat(conversation.passMetadata()).isEmpty();
        assertThat(conversation.releases()).isEmpty();
    }

    @Test
    void aTapWhoseStateWasLostIsStillHonoured() {
        app.onMessage(quickReply("m1", "See prices", PRICES, tick()), conversation);

        assertThat(conversation.sentTexts()).containsExactly("Everything is 20% off until May 31.");
        assertThat(conversation.releases()).hasSize(1);
    }

    @Test
    void anAdPostbackStartsTheFlowWithoutTakingItsPayloadAsAnAnswer() {
        app.onPostback(new dev.baton.event.PostbackEvent(Fixtures.header(tick()), "m1", "Get Started",
                "WELCOME_BUTTON", Fixtures.ad("ad-1", null)), conversation);

        assertThat(conversation.sentTexts()).containsExactly("Hi! Spring sale is on. What would you like?");
        assertThat(conversation.stateValues()).containsEntry("stage", "WELCOMED").doesNotContainKey("reprompts");
    }

    @Test
    void anUnknownAdWithStopIsPassedOnceAndCountedOnce() {
        app.onMessage(adMessage("m1", "stop", "ad-unknown", tick()), conversation);

        assertThat(conversation.passMetadata()).hasSize(1);
        assertThat(registry.get("baton.marketing.conversations.finished").counters()).hasSize(1);
    }

    @Test
    void aRequestForControlIsGranted() {
        app.onReferral(referral("ad-1", null, tick()), conversation);
        app.onHandover(new HandoverEvent.RequestThreadControl(Fixtures.header(tick()), "333", "please"),
                conversation);

        assertThat(conversation.passedTo()).isEqualTo("333");
        assertThat(conversation.stateValues()).containsEntry("outcome", "PASSED");
    }

    @Test
    void losingControlByATakeClosesTheFlow() {
        app.onReferral(referral("ad-1", null, tick()), conversation);
        conversation.setOwner("444");
        app.onHandover(new HandoverEvent.TakeThreadControl(Fixtures.header(tick()), Fixtures.APP_ID,
                "444", null), conversation);

        assertThat(conversation.stateValues()).containsEntry("outcome", "LOST_CONTROL");
        assertThat(conversation.timers()).isEmpty();
    }
}
