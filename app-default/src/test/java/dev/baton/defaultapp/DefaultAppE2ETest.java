package dev.baton.defaultapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.spi.AppRole;
import dev.baton.testkit.FixtureApp;
import dev.baton.testkit.FixturePerson;
import dev.baton.testkit.PageFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default app end to end: the emulator plays Meta, the real deployment runs behind the real Jetty
 * transport, and the marketing app hands conversations over as it would on a real Page.
 */
class DefaultAppE2ETest {

    static final String PAGE_INBOX = "263902037430900";

    static final String MARKETING = """
            completionDeadline: 30m
            campaigns:
              - name: spring
                adIds: ["ad-1"]
                welcome: "Hi! Our spring sale is on. What would you like to do?"
                choices:
                  - { id: prices, title: See prices, action: answer, text: "Everything is 20% off." }
                  - { id: talk, title: Talk to us, action: pass }
            """;

    /** The README's example, with a route for the marketing app's "talk" choice and escalation to Meta's inbox. */
    static String defaultSettings() {
        try {
            return Files.readString(Path.of("src/test/resources/default-app-example.yaml"))
                    .replace("  - name: order\n", "  - name: talk\n    payloads: [talk]\n"
                            + "    answer: { text: \"Happy to talk! What would you like to know?\" }\n  - name: order\n")
                    .replace("target: inbox-bridge", "target: page-inbox");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PageFixture page;

    @BeforeEach
    void start() {
        page = PageFixture.builder()
                .app(FixtureApp.of("marketing", "marketing", "111111", AppRole.MARKETING).withSettingsYaml(MARKETING))
                .app(FixtureApp.of("default", "default", "222222", AppRole.DEFAULT).withSettingsYaml(defaultSettings()))
                .linkRoute("spring-sale", "default")
                .start();
    }

    @AfterEach
    void stop() {
        try {
            assertThat(page.handlerFailures("default")).as("default app callbacks that threw").isZero();
            assertThat(page.graphCalls().refusedAsNotOwner(page.appId("default"))).isEmpty();
        } finally {
            page.close();
        }
    }

    /** What the default app sent; a button template has no text in the emulator's transcript, so it shows as one. */
    static java.util.List<String> said(FixturePerson person) {
        return person.textsFrom("default").stream().map(text -> text == null ? "[button template]" : text).toList();
    }

    @Test
    void getStartedWithARefIsAnsweredForThatRef() {
        FixturePerson person = page.person("9001");
        person.getStarted("spring-sale");

        assertThat(said(person)).containsExactly("[button template]");
        assertThat(person.isOwnedBy("default")).isTrue();
    }

    @Test
    void getStartedWithoutARefGreetsAndAnMeLinkIntoTheThreadAnswersItsRef() {
        FixturePerson person = page.person("9002");
        person.getStarted(null);
        person.openLink("spring-sale");

        assertThat(said(person)).containsExactly(
                "Hi! I'm the Acme assistant. What can I do for you?", "[button template]");
    }

    @Test
    void organicMessagesGoThroughIntentsMenuAndFallback() {
        FixturePerson person = page.person("9003");
        person.text("hello");
        person.text("what are your opening times?");
        person.quickReply("Track an order", "ORDER");
        person.postback("MENU_RETURNS", "Returns");
        person.text("qwerty");

        assertThat(person.textsFrom("default")).containsExactly(
                "Hi! I'm the Acme assistant. What can I do for you?",
                "We're open 9:00-18:00, Monday to Saturday.",
                "Send me your order number (it starts with A-) and I'll look it up.",
                "You can return anything within 30 days: https://shop.example.com/returns",
                "Sorry, I didn't get that. Type 'agent' to talk to a person.");
    }

    @Test
    void aMessageAfterTheTwentyFourHourWindowIsWelcomedBack() {
        FixturePerson person = page.person("9004");
        person.text("hello");
        page.advanceClock(Duration.ofHours(25));
        person.text("me again");

        assertThat(person.textsFrom("default")).containsExactly(
                "Hi! I'm the Acme assistant. What can I do for you?",
                "Welcome back! Anything new I can help with?");
    }

    @Test
    void aConversationHandedOverByMarketingContinuesWithTheChoiceMadeThere() {
        FixturePerson person = page.person("9005");
        person.tapAd("ad-1", "marketing");
        assertThat(person.textsFrom("marketing")).isNotEmpty();
        assertThat(person.textsFrom("default")).as("silent on standby").isEmpty();

        person.quickReply("Talk to us", "BATON_MKT:spring:talk");
        page.awaitQuiet(); // the marketing app's pass, and the default app's answer to it

        assertThat(person.isOwnedBy("default")).isTrue();
        assertThat(person.textsFrom("default")).containsExactly("Happy to talk! What would you like to know?");
    }

    @Test
    void agentSaidToMarketingEndsWithAPersonNotAQuestion() {
        FixturePerson person = page.person("9006");
        person.tapAd("ad-1", "marketing");
        person.text("agent");
        page.awaitQuiet();

        assertThat(person.owner()).isEqualTo(PAGE_INBOX);
        assertThat(person.textsFrom("default"))
                .containsExactly("I'm bringing in a colleague; they'll answer right here.");
    }

    @Test
    void askingForAHumanPassesToMetasInboxAndTheAppFallsSilent() {
        FixturePerson person = page.person("9007");
        person.text("hi");
        person.text("can I talk to a real person");
        page.awaitQuiet();
        assertThat(person.owner()).isEqualTo(PAGE_INBOX);
        int said = person.textsFrom("default").size();

        person.inboxReply("Hi, Ann here");
        person.text("thanks Ann, my order is late");
        page.awaitQuiet();

        assertThat(person.textsFrom("default")).hasSize(said);
    }
}
