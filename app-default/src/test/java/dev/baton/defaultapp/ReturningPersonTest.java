package dev.baton.defaultapp;

import static dev.baton.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.event.Platform;
import dev.baton.testing.TestingConversation;
import dev.baton.testing.TestEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A person coming back to the default app while an escalation it made is still with the humans. */
class ReturningPersonTest {

    private static final TestEvents.Person EVENTS = TestEvents.person("1000", "u1");

    static final String ME = "200";
    static final String BRIDGE = "300";
    static final String MARKETING = "100";
    static final String INBOX = "263902037430900";
    static final long HOUR = 3_600_000L;
    static final String ESCALATION_TEXT = "I'm bringing in a colleague; they'll answer right here.";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TestingConversation conversation = EVENTS.conversation(ME, Platform.MESSENGER);
    final ObjectMapper json = new ObjectMapper();

    DefaultApp app(Settings config) {
        return new DefaultApp(config, List.of(), new PeerApps(BRIDGE, Set.of()), registry, "default");
    }

    DefaultApp app() {
        return app(SettingsFixtures.example());
    }

    /** Escalates at T0 + 1s, then Meta's silent lapse gives the thread back to the default app. */
    DefaultApp escalatedAndLapsed(DefaultApp app) {
        app.onMessage(EVENTS.text(T0, "m1", "my parcel is late"), conversation);
        app.onMessage(EVENTS.text(T0 + 1000, "m2", "agent"), conversation);
        assertThat(conversation.passes()).hasSize(1);
        conversation.setOwner(ME); // the 24-hour lapse: no webhook says so
        return app;
    }

    @Test
    void aMessageAfterTheLapseGoesStraightBackToTheHumansWithNoBotReply() throws Exception {
        DefaultApp app = escalatedAndLapsed(app());
        int said = conversation.sends().size();

        app.onMessage(EVENTS.text(T0 + 30 * HOUR, "m3", "Any news on my parcel?"), conversation);

        assertThat(conversation.sends()).as("no welcome back").hasSize(said);
        assertThat(conversation.passes()).hasSize(2);
        assertThat(conversation.passes().get(1).targetAppId()).isEqualTo(BRIDGE);
        JsonNode metadata = json.readTree(conversation.passes().get(1).metadata());
        assertThat(metadata.get("baton").asText()).isEqualTo("returning");
        assertThat(metadata.get("to").asText()).isEqualTo("human");
        assertThat(metadata.get("mid").asText()).isEqualTo("m3");
        assertThat(metadata.get("text").asText()).isEqualTo("Any news on my parcel?");
        assertThat(metadata.get("escalation").get("target").asText()).isEqualTo(BRIDGE);
        assertThat(metadata.get("escalation").get("at").asLong()).isEqualTo(T0 + 1000);
        assertThat(metadata.get("escalation").get("reason").asText()).isEqualTo("keyword");
        assertThat(registry.get("baton.default.returned_to_humans").tag("reason", "keyword").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void aPostbackIsPassedBackToo() throws Exception {
        DefaultApp app = escalatedAndLapsed(app());
        int said = conversation.sends().size();

        app.onPostback(EVENTS.postback(T0 + 26 * HOUR, "Opening hours", "MENU_HOURS", null), conversation);

        assertThat(conversation.sends()).hasSize(said);
        assertThat(json.readTree(conversation.passMetadata().get(1)).get("text").asText())
                .isEqualTo("[tapped] Opening hours");
    }

    @Test
    void onceTheHumansHandBackTheAppAnswersAsUsual() {
        DefaultApp app = escalatedAndLapsed(app());
        conversation.setOwner(ME); // the deployment records the new owner before the callback
        app.onHandover(EVENTS.pass(T0 + 2 * HOUR, BRIDGE, ME,
                "{\"from\":\"inbox-bridge\",\"event\":\"human-done\",\"via\":\"resolved\"}"), conversation);

        app.onMessage(EVENTS.text(T0 + 30 * HOUR, "m3", "hmm"), conversation);

        assertThat(conversation.passes()).hasSize(1);
        assertThat(conversation.sentTexts()).last().isEqualTo("Welcome back! Anything new I can help with?");
    }

    @Test
    void theInboxMarkingItDoneClosesTheEscalation() {
        DefaultApp app = escalatedAndLapsed(app(pageInbox()));
        conversation.setOwner(ME);
        app.onHandover(EVENTS.pass(T0 + 2 * HOUR, INBOX, ME, null), conversation);

        app.onMessage(EVENTS.text(T0 + 3 * HOUR, "m3", "What are your opening times?"), conversation);

        assertThat(conversation.passes()).hasSize(1);
        assertThat(conversation.sentTexts()).last().isEqualTo("We're open 9:00-18:00, Monday to Saturday.");
    }

    @Test
    void anEscalationToThePageInboxIsPassedBackToTheInbox() {
        DefaultApp app = escalatedAndLapsed(app(pageInbox()));
        assertThat(conversation.passedTo()).isEqualTo(INBOX);
        conversation.setOwner(ME);

        app.onMessage(EVENTS.text(T0 + 25 * HOUR, "m3", "hello?"), conversation);

        assertThat(conversation.passes()).extracting(TestingConversation.Pass::targetAppId).containsExactly(INBOX, INBOX);
        assertThat(conversation.sentTexts()).last().isEqualTo(ESCALATION_TEXT);
    }

    @Test
    void anotherAppSeenTalkingOnStandbyClosesTheEscalation() {
        DefaultApp app = escalatedAndLapsed(app());
        app.onStandby(EVENTS.echo(T0 + 2 * HOUR, BRIDGE, "Hi, Ann here."), conversation);
        app.onStandby(EVENTS.echo(T0 + 3 * HOUR, INBOX, "An agent in the Inbox."), conversation);
        app.onMessage(EVENTS.text(T0 + 4 * HOUR, "m3", "thanks"), conversation);
        assertThat(conversation.passes()).as("humans talking keep it open").hasSize(2);

        conversation.setOwner(MARKETING);
        app.onStandby(EVENTS.echo(T0 + 5 * HOUR, MARKETING, "Spring sale!"), conversation);
        conversation.setOwner(ME);
        app.onMessage(EVENTS.text(T0 + 30 * HOUR, "m4", "hours?"), conversation);

        assertThat(conversation.passes()).hasSize(2);
        assertThat(conversation.sentTexts()).last().isEqualTo("We're open 9:00-18:00, Monday to Saturday.");
    }

    @Test
    void anEscalationOlderThanSevenDaysSinceThePersonLastWroteNoLongerCounts() {
        DefaultApp app = escalatedAndLapsed(app());
        app.onStandby(EVENTS.standbyText(T0 + 2 * 24 * HOUR, "m3", "still there?"), conversation);

        app.onMessage(EVENTS.text(T0 + 9 * 24 * HOUR + HOUR, "m4", "hello"), conversation);
        app.onMessage(EVENTS.text(T0 + 9 * 24 * HOUR + 2 * HOUR, "m5", "hours?"), conversation);

        assertThat(conversation.passes()).hasSize(1);
        assertThat(conversation.sentTexts()).endsWith(ESCALATION_TEXT,
                "Welcome back! Anything new I can help with?", "We're open 9:00-18:00, Monday to Saturday.");
    }

    @Test
    void theWindowIsMeasuredFromThePersonsLastMessageSeenOnStandby() {
        DefaultApp app = escalatedAndLapsed(app());
        app.onStandby(EVENTS.standbyText(T0 + 5 * 24 * HOUR, "m3", "still there?"), conversation);

        app.onMessage(EVENTS.text(T0 + 11 * 24 * HOUR, "m4", "hello"), conversation);

        assertThat(conversation.passes()).hasSize(2);
    }

    @Test
    void openForIsConfigurable() throws Exception {
        DefaultApp app = escalatedAndLapsed(app(SettingsFixtures.parse("escalation: { openFor: 2d }")));

        app.onMessage(EVENTS.text(T0 + 49 * HOUR, "m3", "hello"), conversation);

        assertThat(conversation.passes()).hasSize(1);
        assertThat(conversation.sentTexts()).last().isEqualTo("Welcome back! How can we help?");
    }

    @Test
    void switchedOffTheBotAnswersAsBefore() throws Exception {
        DefaultApp app = escalatedAndLapsed(app(SettingsFixtures.parse("escalation: { returnToHumans: false }")));

        app.onMessage(EVENTS.text(T0 + 30 * HOUR, "m3", "hello"), conversation);

        assertThat(conversation.passes()).hasSize(1);
        assertThat(conversation.sentTexts()).last().isEqualTo("Welcome back! How can we help?");
    }

    @Test
    void aLinkIsANewEntryAndEndsTheEscalation() {
        DefaultApp app = escalatedAndLapsed(app());

        app.onReferral(EVENTS.link(T0 + 30 * HOUR, "spring-sale"), conversation);
        app.onMessage(EVENTS.text(T0 + 30 * HOUR + 1000, "m3", "hours?"), conversation);

        assertThat(conversation.passes()).hasSize(1);
        assertThat(conversation.sentTexts()).containsSubsequence("Spring sale: 20% off everything until Sunday.",
                "We're open 9:00-18:00, Monday to Saturday.");
    }

    @Test
    void whileTheHumansOwnTheThreadNothingIsSaidOrPassed() {
        DefaultApp app = escalatedAndLapsed(app());
        conversation.setOwner(BRIDGE);

        app.onMessage(EVENTS.text(T0 + 2 * HOUR, "m3", "hello"), conversation);

        assertThat(conversation.passes()).hasSize(1);
        assertThat(conversation.sentTexts()).last().isEqualTo(ESCALATION_TEXT);
    }

    @Test
    void openForIsCheckedAtStartUp() {
        assertThatThrownBy(() -> SettingsFixtures.parse("escalation: { openFor: 8d }"))
                .hasMessageContaining("escalation.openFor");
        assertThatThrownBy(() -> SettingsFixtures.parse("escalation: { openFor: soon }"))
                .hasMessageContaining("escalation.openFor");
        assertThat(Settings.defaults().escalation().returnToHumans()).isTrue();
        assertThat(Settings.defaults().escalation().openForDuration()).hasDays(7);
    }

    static Settings pageInbox() {
        try {
            return SettingsFixtures.parse("""
                    intents:
                      - { name: hours, keywords: [hours, "opening times"], answer: { text: "We're open 9:00-18:00, Monday to Saturday." } }
                    escalation: { target: page-inbox, text: "I'm bringing in a colleague; they'll answer right here." }
                    """);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
