package dev.baton.defaultapp;

import static dev.baton.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.TestingConversation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.event.Channel;
import dev.baton.event.Platform;
import dev.baton.testing.TestEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefaultAppTest {

    private static final TestEvents.Person EVENTS = TestEvents.person("1000", "u1");

    static final String ME = "200";
    static final String MARKETING = "100";
    static final String BRIDGE = "300";
    static final long HOUR = 3_600_000L;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<TurnHandler> handlers = new ArrayList<>();
    final TestingConversation conversation = EVENTS.conversation(ME, Platform.MESSENGER);

    DefaultApp app(Settings config) {
        return new DefaultApp(config, handlers, new PeerApps(BRIDGE, Set.of()), registry, "default");
    }

    DefaultApp app() {
        return app(SettingsFixtures.example());
    }

    @Test
    void getStartedWithAKnownRefAnswersThatRef() {
        app().onPostback(EVENTS.postback(T0, "Get Started", "GET_STARTED", "spring-sale"), conversation);

        assertThat(conversation.sentTexts()).containsExactly("Spring sale: 20% off everything until Sunday.");
    }

    @Test
    void getStartedWithoutARefGreets() {
        app().onPostback(EVENTS.postback(T0, "Get Started", "GET_STARTED", null), conversation);

        assertThat(conversation.sentTexts()).containsExactly("Hi! I'm the Acme assistant. What can I do for you?");
        assertThat(registry.get("baton.default.entries").tag("entry_point", "get_started").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void linkReferralIntoAnExistingThreadAnswersTheRef() {
        DefaultApp app = app();
        app.onMessage(EVENTS.text(T0, "m1", "hello"), conversation);
        app.onReferral(EVENTS.link(T0 + 1000, "spring-sale"), conversation);

        assertThat(conversation.sentTexts()).last().isEqualTo("Spring sale: 20% off everything until Sunday.");
    }

    @Test
    void organicFirstMessageGreetsUnlessAnIntentAnswers() {
        DefaultApp app = app();
        app.onMessage(EVENTS.text(T0, "m1", "hello there"), conversation);
        app.onMessage(EVENTS.text(T0 + 1000, "m2", "What are your opening times?"), conversation);
        app.onMessage(EVENTS.text(T0 + 2000, "m3", "blah"), conversation);

        assertThat(conversation.sentTexts()).containsExactly(
                "Hi! I'm the Acme assistant. What can I do for you?",
                "We're open 9:00-18:00, Monday to Saturday.",
                "Sorry, I didn't get that. Type 'agent' to talk to a person.");
    }

    @Test
    void keywordsMatchWholeWordsOnly() {
        DefaultApp app = app();
        app.onMessage(EVENTS.text(T0, "m1", "hi"), conversation);
        app.onMessage(EVENTS.text(T0 + 1, "m2", "reopened?"), conversation);

        assertThat(conversation.sentTexts()).last().isEqualTo("Sorry, I didn't get that. Type 'agent' to talk to a person.");
    }

    @Test
    void quickReplyPayloadAndMenuPostbackPickTheirAnswers() {
        DefaultApp app = app();
        app.onMessage(EVENTS.quickReply(T0, "m1", "Track an order", "ORDER"), conversation);
        app.onPostback(EVENTS.postback(T0 + 1, "Returns", "MENU_RETURNS", null), conversation);
        app.onPostback(EVENTS.postback(T0 + 2, "Hours", "MENU_HOURS", null), conversation);

        assertThat(conversation.sentTexts()).containsExactly(
                "Send me your order number (it starts with A-) and I'll look it up.",
                "You can return anything within 30 days: https://shop.example.com/returns",
                "We're open 9:00-18:00, Monday to Saturday.");
    }

    @Test
    void aMessageAfterTheTwentyFourHourWindowIsWelcomedBack() {
        DefaultApp app = app();
        app.onMessage(EVENTS.text(T0, "m1", "hi"), conversation);
        app.onMessage(EVENTS.text(T0 + 23 * HOUR, "m2", "hmm"), conversation);
        app.onMessage(EVENTS.text(T0 + 48 * HOUR, "m3", "hmm again"), conversation);

        assertThat(conversation.sentTexts()).containsExactly(
                "Hi! I'm the Acme assistant. What can I do for you?",
                "Sorry, I didn't get that. Type 'agent' to talk to a person.",
                "Welcome back! Anything new I can help with?");
    }

    @Test
    void aHandoverFromMarketingUsesTheChoiceInTheMetadata() {
        conversation.setOwner(ME);
        app().onHandover(EVENTS.pass(T0, MARKETING, ME, "{\"why\":\"question\",\"choice\":\"HOURS\"}"), conversation);

        assertThat(conversation.sentTexts()).containsExactly("We're open 9:00-18:00, Monday to Saturday.");
    }

    @Test
    void aHandoverUsesTheReferralSeenOnStandbySoThePersonIsNotAskedAgain() {
        DefaultApp app = app();
        conversation.setOwner(MARKETING);
        app.onStandby(EVENTS.adMessage(T0, "m1", "Hi", Channel.STANDBY, "ad-ref", "ad-42"), conversation);
        assertThat(conversation.sends()).isEmpty();

        conversation.setOwner(ME);
        app.onHandover(EVENTS.pass(T0 + 1000, MARKETING, ME, "{\"why\":\"more-questions\"}"), conversation);

        assertThat(conversation.sentTexts())
                .containsExactly("Thanks for your interest in Spring sale! What else would you like to know?");
    }

    @Test
    void aHandoverBecauseThePersonAskedForAnAgentEscalatesAtOnce() {
        conversation.setOwner(ME);
        app().onHandover(EVENTS.pass(T0, MARKETING, ME, "{\"why\":\"agent\"}"), conversation);

        assertThat(conversation.passes()).hasSize(1);
        assertThat(conversation.passes().get(0).targetAppId()).isEqualTo(BRIDGE);
        assertThat(conversation.passes().get(0).metadata()).contains("\"reason\":\"handover\"").contains("\"why\":\"agent\"");
    }

    @Test
    void aKeywordPassFromMarketingAfterThePersonSaidAgentOnStandbyEscalates() {
        DefaultApp app = app();
        conversation.setOwner(MARKETING);
        app.onStandby(EVENTS.standbyText(T0, "m1", "agent"), conversation);
        conversation.setOwner(ME);
        app.onHandover(EVENTS.pass(T0 + 10, MARKETING, ME,
                "{\"source\":\"baton-marketing\",\"why\":\"keyword\",\"outcome\":\"passed\"}"), conversation);

        assertThat(conversation.passes()).hasSize(1);
        assertThat(conversation.passes().get(0).targetAppId()).isEqualTo(BRIDGE);
    }

    @Test
    void aKeywordPassAfterStopDoesNotEscalate() {
        DefaultApp app = app();
        conversation.setOwner(MARKETING);
        app.onStandby(EVENTS.standbyText(T0, "m1", "stop"), conversation);
        conversation.setOwner(ME);
        app.onHandover(EVENTS.pass(T0 + 10, MARKETING, ME, "{\"why\":\"keyword\"}"), conversation);

        assertThat(conversation.passes()).isEmpty();
        assertThat(conversation.sentTexts()).hasSize(1);
    }

    @Test
    void aDuplicateHandoverIsAnsweredOnce() {
        DefaultApp app = app();
        app.onHandover(EVENTS.pass(T0, MARKETING, ME, "{}"), conversation);
        app.onHandover(EVENTS.pass(T0, MARKETING, ME, "{}"), conversation);

        assertThat(conversation.sends()).hasSize(1);
    }

    @Test
    void aHandoverOlderThanTheNewestMessageIsRecordedButNotAnswered() {
        DefaultApp app = app();
        app.onMessage(EVENTS.text(T0 + 5000, "m1", "hours?"), conversation);
        app.onHandover(EVENTS.pass(T0, MARKETING, ME, "{\"choice\":\"ORDER\"}"), conversation);

        assertThat(conversation.sentTexts()).containsExactly("We're open 9:00-18:00, Monday to Saturday.");
    }

    @Test
    void askingForAHumanSaysSoThenPassesToTheBridgeWithASummary() throws Exception {
        DefaultApp app = app();
        app.onStandby(EVENTS.adMessage(T0, "m0", "I saw your ad", Channel.STANDBY, "ad-ref", "ad-42"), conversation);
        app.onMessage(EVENTS.text(T0 + 1000, "m1", "my parcel is late"), conversation);
        app.onMessage(EVENTS.text(T0 + 2000, "m2", "I want a real person please"), conversation);

        assertThat(conversation.sentTexts()).last().isEqualTo("I'm bringing in a colleague; they'll answer right here.");
        assertThat(conversation.passes()).hasSize(1);
        assertThat(conversation.passes().get(0).targetAppId()).isEqualTo(BRIDGE);
        JsonNode summary = new ObjectMapper().readTree(conversation.passes().get(0).metadata());
        assertThat(summary.get("from").asText()).isEqualTo("default");
        assertThat(summary.get("reason").asText()).isEqualTo("keyword");
        assertThat(summary.get("ad_id").asText()).isEqualTo("ad-42");
        assertThat(summary.get("last").findValuesAsText("text"))
                .contains("I saw your ad", "my parcel is late", "I want a real person please");
        assertThat(registry.get("baton.default.escalations").tag("reason", "keyword").counter().count()).isEqualTo(1);
    }

    @Test
    void theEscalationPostbackGoesStraightToThePageInboxWhenConfigured() throws Exception {
        Settings config = SettingsFixtures.parse("escalation: { target: page-inbox }");
        TestingConversation instagram = EVENTS.conversation(ME, Platform.INSTAGRAM);
        app(config).onPostback(EVENTS.postback(T0, "Talk to us", "TALK_TO_HUMAN", null), instagram);

        assertThat(instagram.passes().get(0).targetAppId()).isEqualTo("1217981644879628");
        assertThat(instagram.passes().get(0).metadata()).contains("\"reason\":\"postback\"");
    }

    @Test
    void neverSendsWhileAnotherAppOwnsTheThread() {
        conversation.setOwner(MARKETING);
        DefaultApp app = app();
        app.onMessage(EVENTS.text(T0, "m1", "hours?"), conversation);
        app.onMessage(EVENTS.text(T0 + 1, "m2", "agent"), conversation);
        app.onPostback(EVENTS.postback(T0 + 2, "Get Started", "GET_STARTED", "spring-sale"), conversation);

        assertThat(conversation.sends()).isEmpty();
        assertThat(conversation.passes()).isEmpty();
    }

    @Test
    void controlBackFromHumansSaysAfterHumanOnlyWhenConfigured() throws Exception {
        app().onHandover(EVENTS.pass(T0, BRIDGE, ME, "{\"from\":\"inbox-bridge\",\"event\":\"human-done\"}"),
                conversation);
        assertThat(conversation.sentTexts())
                .containsExactly("Our team has finished here. I'm around if you need anything else.");

        TestingConversation quiet = EVENTS.conversation(ME, Platform.MESSENGER);
        app(Settings.defaults()).onHandover(EVENTS.pass(T0, "263902037430900", ME, null), quiet);
        assertThat(quiet.sends()).isEmpty();
    }

    @Test
    void teamHandlersRunBeforeTheYamlChainAndMayDecline() {
        handlers.add((turn, c) -> {
            if (turn.text() != null && turn.text().startsWith("A-")) {
                c.reply("Order " + turn.text() + " ships tomorrow.");
                return true;
            }
            return false;
        });
        DefaultApp app = app();
        app.onMessage(EVENTS.text(T0, "m1", "A-123"), conversation);
        app.onMessage(EVENTS.text(T0 + 1, "m2", "hours"), conversation);

        assertThat(conversation.sentTexts())
                .containsExactly("Order A-123 ships tomorrow.", "We're open 9:00-18:00, Monday to Saturday.");
        assertThat(registry.get("baton.default.answers").tag("source", "handler").counter().count()).isEqualTo(1);
    }

    @Test
    void escalationKeywordsWinOverTeamHandlers() {
        handlers.add((turn, c) -> {
            c.reply("handler");
            return true;
        });
        app().onMessage(EVENTS.text(T0, "m1", "agent please"), conversation);

        assertThat(conversation.sentTexts()).doesNotContain("handler");
        assertThat(conversation.passes()).hasSize(1);
    }

    @Test
    void echoesAndStandbyMessagesAreRememberedBoundedAndNeverAnswered() {
        DefaultApp app = app();
        conversation.setOwner("263902037430900");
        for (int i = 0; i < 20; i++) {
            app.onStandby(EVENTS.standbyText(T0 + i, "s" + i, "message " + i), conversation);
        }
        app.onStandby(EVENTS.echo(T0 + 100, "263902037430900", "agent answer"), conversation);

        ConversationMemory memory = new MemoryCodec().load(conversation.state());
        assertThat(memory.messages()).hasSize(6);
        assertThat(memory.messages().get(5).text()).isEqualTo("agent answer");
        assertThat(memory.messages().get(5).from()).isEqualTo("page");
        assertThat(conversation.sends()).isEmpty();
    }

    @Test
    void anAdRoutedToTheDefaultAppAnswersItsRef() throws Exception {
        Settings config = SettingsFixtures.parse("refs: { ad-ref: { text: 'Ad {ad_id}: {ad_title}' } }");
        app(config).onMessage(EVENTS.adMessage(T0, "m1", "hi", Channel.MESSAGING, "ad-ref", "ad-42"), conversation);

        assertThat(conversation.sentTexts()).containsExactly("Ad ad-42: Spring sale");
    }
}
