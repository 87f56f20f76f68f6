package dev.baton.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.emulator.ActionResult;
import dev.baton.emulator.CausedWebhook;
import dev.baton.emulator.TranscriptLine;
import dev.baton.launcher.SetupFixture.Result;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code setup} then {@code doctor} against the emulator from a fresh Page (apps with Page tokens, nothing
 * subscribed, no profile), the real Page deployment serving the callbacks: everything OK, then people talk to
 * the Page and the apps get what their subscriptions say.
 */
class SetupAndDoctorTest {

    SetupFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = SetupFixture.start();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aFreshPageDeliversNothingUntilSetupHasRun() {
        ActionResult before = fixture.emulator.person(SetupFixture.PAGE, "p0").text("anyone there?");
        assertThat(before.webhooks()).as("nothing is subscribed yet").isEmpty();
    }

    @Test
    void setupThenDoctorAllOkThenAConversationPlays() {
        Result setup = fixture.run("setup", false);
        assertThat(setup.exitCode()).as(setup.output()).isZero();
        assertThat(setup.output()).contains("[shop] Page subscription: subscribed the Page to messages,")
                .contains("Meta verified " + fixture.environment.get("PUBLIC_URL") + "/webhooks/helper")
                .contains("[profile] Messenger Profile: set get_started, greeting, ice_breakers, persistent_menu, "
                        + "whitelisted_domains");

        Result doctor = fixture.run("doctor", false);
        assertThat(doctor.exitCode()).as(doctor.output()).isZero();
        assertThat(doctor.lines("FAIL")).as(doctor.output()).isEmpty();
        assertThat(doctor.lines("WARN")).as(doctor.output()).isEmpty();
        assertThat(doctor.lines("OK")).as(doctor.output()).hasSize(1 + 2 * 4 + 2);
        assertThat(doctor.output()).contains("OK    thread control: Conversation Routing is on")
                .contains("Baton will use send-api").contains("OK    profile: in sync");

        // The welcome screen a new person sees, from the profile setup wrote.
        Map<String, Object> welcome = fixture.emulator.welcomeScreen(SetupFixture.PAGE, "p1");
        assertThat(welcome).containsEntry("new_person", true).containsEntry("shows", "ice_breakers")
                .containsEntry("greeting", "Hi {{user_first_name}}, welcome to the shop!");
        assertThat(welcome.get("ice_breakers").toString()).contains("What are your opening hours?");

        // A conversation: the default app owns and answers; the other app watches on standby.
        ActionResult tap = fixture.emulator.person(SetupFixture.PAGE, "p1").iceBreaker("Where is my order?");
        assertThat(tap.eventsFor(SetupFixture.SHOP)).isNotEmpty();
        ActionResult hello = fixture.emulator.person(SetupFixture.PAGE, "p1").text("hello");
        assertThat(hello.webhooks()).extracting(CausedWebhook::appId, CausedWebhook::field)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(SetupFixture.SHOP, "messaging"),
                        org.assertj.core.groups.Tuple.tuple(SetupFixture.HELPER, "standby"));
        assertThat(hello.webhooks()).allSatisfy(webhook -> assertThat(webhook.firstAttempt().status()).isEqualTo(200));
        assertThat(poll(() -> fixture.emulator.conversation(SetupFixture.PAGE, "p1").orElseThrow().transcript().stream()
                .anyMatch(line -> line.direction() == TranscriptLine.Direction.OUTBOUND
                        && "echo: hello".equals(line.text())))).isTrue();
        assertThat(fixture.emulator.welcomeScreen(SetupFixture.PAGE, "p1")).containsEntry("new_person", false);
    }

    @Test
    void setupIsIdempotentAndWritesOnlyWhatDiffers() {
        assertThat(fixture.run("setup", false).exitCode()).isZero();
        Result again = fixture.run("setup", false);
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("[shop] Page subscription: already subscribed")
                .contains("[helper] app subscription: already calls")
                .contains("[profile] Messenger Profile: already in sync");
        // Someone changes the greeting by hand: the next setup writes only that property.
        new dev.baton.graph.setup.SetupGraphClient(fixture.configured().config().graph(),
                new com.fasterxml.jackson.databind.ObjectMapper(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).setProfile(shopCredentials(),
                greeting("Changed by hand"), dev.baton.event.Platform.MESSENGER);
        Result repair = fixture.run("setup", false);
        assertThat(repair.output()).contains("[profile] Messenger Profile: set greeting").doesNotContain("set get_started");
    }

    @Test
    void dryRunCallsNothingAndPrintsTheCalls() {
        Result dryRun = fixture.run("setup", true);
        assertThat(dryRun.exitCode()).isZero();
        assertThat(dryRun.output())
                .contains("POST /v24.0/5000/subscribed_apps subscribed_fields=messages,messaging_postbacks,"
                        + "messaging_referrals,messaging_handovers,standby,message_echoes  (Page token of shop")
                .contains("subscribed_fields=messages,messaging_postbacks,messaging_referrals,messaging_handovers,"
                        + "standby,message_echoes,message_reads  (Page token of helper")
                .contains("POST /v24.0/5002/subscriptions object=page callback_url="
                        + fixture.environment.get("PUBLIC_URL") + "/webhooks/helper verify_token=<apps[helper].verifyToken>")
                .contains("POST /v24.0/me/messenger_profile {\"get_started\":{\"payload\":\"GET_STARTED\"}");
        assertThat(fixture.emulator.subscriptions(SetupFixture.PAGE).toString()).doesNotContain("messages");
        assertThat(fixture.emulator.messengerProfile(SetupFixture.PAGE)).isEqualTo("{}");
    }

    dev.baton.graph.GraphCredentials shopCredentials() {
        return new dev.baton.graph.GraphCredentials(SetupFixture.SHOP, fixture.environment.get("SHOP_TOKEN"),
                fixture.environment.get("SHOP_SECRET"));
    }

    static com.fasterxml.jackson.databind.node.ObjectNode greeting(String text) {
        com.fasterxml.jackson.databind.node.ObjectNode body = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode();
        body.putArray("greeting").addObject().put("locale", "default").put("text", text);
        return body;
    }

    static boolean poll(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
