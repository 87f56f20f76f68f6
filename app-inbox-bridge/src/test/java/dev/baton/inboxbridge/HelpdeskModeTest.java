package dev.baton.inboxbridge;

import static dev.baton.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.TestingConversation;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.event.Channel;
import dev.baton.event.Platform;
import dev.baton.inboxbridge.helpdesk.HelpdeskProtocol;
import dev.baton.inboxbridge.helpdesk.HelpdeskSignature;
import dev.baton.inboxbridge.helpdesk.InMemoryHelpdeskConnector;
import dev.baton.spi.HostedHandover;
import dev.baton.send.MessageTag;
import dev.baton.send.MessagingType;
import dev.baton.spi.AppEndpointRequest;
import dev.baton.spi.AppEndpointResponse;
import dev.baton.spi.ConversationTrigger;
import dev.baton.testing.TestEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelpdeskModeTest {

    private static final TestEvents.Person EVENTS = TestEvents.person("1000", "u1");

    static final String BRIDGE = "300";
    static final String DEFAULT = "200";
    static final String SECRET = "helpdesk-test-secret-0123456789";
    static final String SUMMARY = "{\"from\":\"default\",\"reason\":\"keyword\",\"last\":[{\"from\":\"person\",\"text\":\"help\"}]}";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TestingConversation conversation = EVENTS.conversation(BRIDGE, Platform.MESSENGER);
    final HelpdeskSignature signature = new HelpdeskSignature(SECRET);
    final InMemoryHelpdeskConnector helpdesk = new InMemoryHelpdeskConnector(new HelpdeskProtocol(signature),
            Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC));
    final InboxBridgeApp bridge = bridge("20ms");
    /** Runs the bridge's timer at once, in the caller's thread: the lane, as far as this test is concerned. */
    final ConversationTrigger lane = (key, timer) -> bridge.onTimer(timer, conversation);

    InboxBridgeApp bridge(String replyWait) {
        Settings config = new Settings("helpdesk", "You're in the queue for a person.", null, null,
                new Settings.Helpdesk("memory", null, SECRET, null, replyWait, null, "2h", null));
        return new InboxBridgeApp(config, helpdesk, registry, "inbox");
    }

    String openTicket() {
        conversation.setNow(Instant.ofEpochMilli(T0));
        bridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);
        return helpdesk.events("ticket.opened").get(0).get("ticket").asText();
    }

    AppEndpointResponse post(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return bridge.handle(new AppEndpointRequest("POST", "/helpdesk",
                Map.of(HelpdeskSignature.HEADER, List.of(signature.sign(body))), body), lane);
    }

    AppEndpointResponse reply(String ticket, String id, String text) {
        return post("{\"type\":\"reply\",\"ticket\":\"" + ticket + "\",\"reply_id\":\"" + id
                + "\",\"agent\":\"Ann\",\"text\":\"" + text + "\"}");
    }

    @Test
    void aPassOpensATicketWithTheSummaryAndTheBridgeKeepsTheThread() {
        openTicket();

        JsonNode opened = helpdesk.events("ticket.opened").get(0);
        assertThat(opened.get("summary").get("reason").asText()).isEqualTo("keyword");
        assertThat(opened.get("user_id").asText()).isEqualTo(EVENTS.userId());
        assertThat(opened.get("platform").asText()).isEqualTo("messenger");
        assertThat(conversation.sentTexts()).containsExactly("You're in the queue for a person.");
        assertThat(conversation.passes()).isEmpty();
    }

    @Test
    void thePersonsMessagesGoToTheTicket() {
        String ticket = openTicket();
        bridge.onMessage(EVENTS.text(T0 + 1000, "m1", "my parcel is late", Channel.MESSAGING), conversation);

        JsonNode message = helpdesk.events("message").get(0);
        assertThat(message.get("ticket").asText()).isEqualTo(ticket);
        assertThat(message.get("text").asText()).isEqualTo("my parcel is late");
        assertThat(conversation.sentTexts()).hasSize(1); // only the handoff line: bots stay silent
    }

    @Test
    void anAgentReplyWithinTheDayIsAPlainResponse() {
        String ticket = openTicket();
        conversation.setLastUserMessageAt(Instant.ofEpochMilli(T0));
        conversation.setNow(Instant.ofEpochMilli(T0).plus(Duration.ofMinutes(3)));

        AppEndpointResponse answer = reply(ticket, "r1", "Hi, Ann here");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bodyText()).contains("\"status\":\"sent\"");
        assertThat(conversation.sends().get(1).text()).isEqualTo("Hi, Ann here");
        assertThat(conversation.sends().get(1).messagingType()).isEqualTo(MessagingType.RESPONSE);
        assertThat(conversation.sends().get(1).tag()).isNull();
        assertThat(registry.get("baton.inbox_bridge.time_to_first_reply").timer().totalTime(
                java.util.concurrent.TimeUnit.MINUTES)).isEqualTo(3.0);
    }

    @Test
    void afterTwentyFourHoursAReplyCarriesTheHumanAgentTag() {
        String ticket = openTicket();
        conversation.setLastUserMessageAt(Instant.ofEpochMilli(T0));
        conversation.setNow(Instant.ofEpochMilli(T0).plus(Duration.ofHours(30)));

        assertThat(reply(ticket, "r1", "Sorry for the wait").status()).isEqualTo(200);
        assertThat(conversation.sends().get(1).tag()).isEqualTo(MessageTag.HUMAN_AGENT);
        assertThat(conversation.sends().get(1).messagingType()).isEqualTo(MessagingType.MESSAGE_TAG);
    }

    @Test
    void afterSevenDaysTheAgentIsToldTheReplyCannotBeDelivered() {
        String ticket = openTicket();
        conversation.setLastUserMessageAt(Instant.ofEpochMilli(T0));
        conversation.setNow(Instant.ofEpochMilli(T0).plus(Duration.ofDays(8)));

        AppEndpointResponse answer = reply(ticket, "r1", "Still there?");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.bodyText()).contains("undeliverable").contains("7-day");
        assertThat(conversation.sends()).hasSize(1);
        assertThat(helpdesk.events("reply.undeliverable").get(0).get("reply_id").asText()).isEqualTo("r1");
    }

    @Test
    void aResentReplyIsSentOnce() {
        String ticket = openTicket();
        reply(ticket, "r1", "Hello");
        AppEndpointResponse again = reply(ticket, "r1", "Hello");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.bodyText()).contains("duplicate");
        assertThat(conversation.sentTexts()).containsExactly("You're in the queue for a person.", "Hello");
    }

    @Test
    void resolvingGivesTheConversationBackToTheDefaultAppAndClosesTheTicket() {
        String ticket = openTicket();
        AppEndpointResponse resolved = post("{\"type\":\"resolve\",\"ticket\":\"" + ticket + "\",\"note\":\"refunded\"}");

        assertThat(resolved.status()).isEqualTo(200);
        assertThat(conversation.passes()).hasSize(1);
        assertThat(conversation.passes().get(0).targetAppId()).isNull();
        assertThat(conversation.passes().get(0).metadata()).contains("\"event\":\"human-done\"").contains("\"via\":\"resolved\"")
                .contains("refunded");
        assertThat(reply(ticket, "r9", "one more thing").status()).isEqualTo(409);
        assertThat(registry.get("baton.inbox_bridge.handbacks").tag("via", "resolved").counter().count()).isEqualTo(1);
    }

    @Test
    void aTicketQuietForHandBackAfterIsClosedAndTheConversationGoesBack() {
        String ticket = openTicket();
        assertThat(conversation.timers().get("inbox-bridge.inactive")).isEqualTo(Instant.ofEpochMilli(T0).plusSeconds(7200));
        conversation.setNow(Instant.ofEpochMilli(T0).plusSeconds(3600));
        bridge.onMessage(EVENTS.text(T0 + 3_600_000, "m1", "anyone?", Channel.MESSAGING), conversation);
        assertThat(conversation.timers().get("inbox-bridge.inactive")).isEqualTo(Instant.ofEpochMilli(T0).plusSeconds(10800));

        bridge.onTimer("inbox-bridge.inactive", conversation);

        assertThat(helpdesk.events("ticket.closed").get(0).get("reason").asText()).isEqualTo("inactive");
        assertThat(conversation.passes().get(0).metadata()).contains("\"via\":\"inactive\"").contains(ticket);
        bridge.onTimer("inbox-bridge.inactive", conversation);
        assertThat(conversation.passes()).hasSize(1);
    }

    @Test
    void aReplyWhileAnotherAppOwnsTheThreadIsNotSent() {
        String ticket = openTicket();
        conversation.setOwner(DEFAULT);

        AppEndpointResponse answer = reply(ticket, "r1", "Hello");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.bodyText()).contains("not-owner");
        assertThat(conversation.sends()).hasSize(1);
    }

    @Test
    void whenControlLapsedWithoutAWebhookAReplyIsRefusedAndTheTicketCloses() {
        String ticket = openTicket();
        conversation.setMetaOwner(DEFAULT); // Meta gave the thread back to the default app; nobody was told

        AppEndpointResponse answer = reply(ticket, "r1", "Hello");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(helpdesk.events("ticket.closed").get(0).get("reason").asText()).isEqualTo("control lapsed");
        assertThat(registry.get("baton.inbox_bridge.handbacks").tag("via", "lapsed").counter().count()).isEqualTo(1);
        assertThat(post("{\"type\":\"resolve\",\"ticket\":\"" + ticket + "\"}").status()).isEqualTo(409);
    }

    @Test
    void resolvingAfterControlLapsedStillClosesTheTicket() {
        String ticket = openTicket();
        conversation.setMetaOwner(DEFAULT);

        assertThat(post("{\"type\":\"resolve\",\"ticket\":\"" + ticket + "\"}").status()).isEqualTo(200);
        assertThat(registry.get("baton.inbox_bridge.handbacks").tag("via", "lapsed").counter().count()).isEqualTo(1);
        assertThat(conversation.passes()).isEmpty();
    }

    @Test
    void anotherAppTakingTheThreadClosesTheTicket() {
        String ticket = openTicket();
        bridge.onHandover(EVENTS.take(T0 + 1000, BRIDGE, "263902037430900"), conversation);

        assertThat(helpdesk.events("ticket.closed").get(0).get("ticket").asText()).isEqualTo(ticket);
        assertThat(reply(ticket, "r1", "Hello").status()).isEqualTo(409);
    }

    @Test
    void anUnreachableHelpdeskIsToldToThePersonAndTheConversationGoesBack() {
        helpdesk.failing(true);
        bridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);

        assertThat(conversation.sentTexts()).containsExactly(
                "Sorry, our team can't be reached right now. Please try again later.");
        assertThat(conversation.passes().get(0).metadata()).contains("\"event\":\"human-unavailable\"");
    }

    @Test
    void inboundRequestsAreAuthenticatedAndChecked() {
        String ticket = openTicket();
        byte[] body = ("{\"type\":\"reply\",\"ticket\":\"" + ticket + "\",\"reply_id\":\"r1\",\"text\":\"x\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(bridge.handle(new AppEndpointRequest("POST", "/helpdesk", Map.of(), body), lane).status())
                .isEqualTo(401);
        assertThat(bridge.handle(new AppEndpointRequest("POST", "/helpdesk",
                Map.of(HelpdeskSignature.HEADER, List.of("sha256=" + "0".repeat(64))), body), lane).status())
                .isEqualTo(403);
        AppEndpointResponse wrongKey = bridge.handle(new AppEndpointRequest("POST", "/helpdesk", Map.of(
                HelpdeskSignature.HEADER, List.of(new HelpdeskSignature("another-secret-0123456789").sign(body))), body),
                lane);
        assertThat(wrongKey.status()).isEqualTo(403);
        assertThat(wrongKey.bodyText()).doesNotContain(SECRET).doesNotContain(signature.sign(body));
        assertThat(post("not json").status()).isEqualTo(400);
        assertThat(post("{\"type\":\"dance\",\"ticket\":\"" + ticket + "\"}").status()).isEqualTo(400);
        assertThat(post("{\"type\":\"reply\",\"ticket\":\"" + ticket + "\",\"text\":\"no id\"}").status()).isEqualTo(400);
        assertThat(reply("t-bogus", "r1", "x").status()).isEqualTo(409);
        assertThat(bridge.handle(new AppEndpointRequest("GET", "/helpdesk", Map.of(), new byte[0]), lane).status())
                .isEqualTo(405);
        assertThat(bridge.handle(new AppEndpointRequest("POST", "/other", Map.of(), body), lane).status())
                .isEqualTo(404);
        assertThat(conversation.sends()).hasSize(1);
    }

    @Test
    void aReplyNotHandledInTimeAsksTheHelpdeskToResendAndIsNotSentLater() {
        String ticket = openTicket();
        byte[] body = ("{\"type\":\"reply\",\"ticket\":\"" + ticket + "\",\"reply_id\":\"r1\",\"text\":\"late\"}")
                .getBytes(StandardCharsets.UTF_8);
        ConversationTrigger stuckLane = (key, timer) -> { };

        AppEndpointResponse answer = bridge.handle(new AppEndpointRequest("POST", "/helpdesk",
                Map.of(HelpdeskSignature.HEADER, List.of(signature.sign(body))), body), stuckLane);
        bridge.onTimer(HelpdeskInbound.TIMER, conversation);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(conversation.sends()).hasSize(1);
    }

    /** A runtime HostedHandover stand-in: records the metadata and, when it grants, gives the bridge the thread. */
    final class FakeHandover implements HostedHandover {
        final List<String> metadata = new java.util.ArrayList<>();
        HostedHandover.Outcome outcome = HostedHandover.Outcome.RECLAIMED;

        @Override
        public Result reclaimFromDefault(dev.baton.spi.Conversation asking, String why) {
            metadata.add(why);
            if (outcome == HostedHandover.Outcome.RECLAIMED) {
                conversation.setOwner(BRIDGE).setMetaOwner(null);
                return new Result(outcome, BRIDGE, "the default app 'default' passed the thread to 'inbox'");
            }
            return new Result(outcome, "263902037430900", "the thread is owned by app 263902037430900, not by the "
                    + "default app 'default'");
        }
    }

    InboxBridgeApp reclaimingBridge(FakeHandover handover) {
        Settings config = new Settings("helpdesk", "You're in the queue for a person.", null, null,
                new Settings.Helpdesk("memory", null, SECRET, null, "20ms", null, "7d", null));
        return new InboxBridgeApp(config, helpdesk, registry, "inbox", handover);
    }

    /** Opens a ticket on {@code app} and lets 30 hours pass: Meta has given the thread to the default app. */
    String lapsedTicket(InboxBridgeApp app, Duration after) {
        conversation.setNow(Instant.ofEpochMilli(T0));
        app.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);
        conversation.setLastUserMessageAt(Instant.ofEpochMilli(T0));
        conversation.setNow(Instant.ofEpochMilli(T0).plus(after));
        conversation.setOwner(DEFAULT).setMetaOwner(DEFAULT);
        return helpdesk.events("ticket.opened").get(0).get("ticket").asText();
    }

    AppEndpointResponse replyTo(InboxBridgeApp app, String ticket, String id, String text) {
        byte[] body = ("{\"type\":\"reply\",\"ticket\":\"" + ticket + "\",\"reply_id\":\"" + id
                + "\",\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        return app.handle(new AppEndpointRequest("POST", "/helpdesk",
                Map.of(HelpdeskSignature.HEADER, List.of(signature.sign(body))), body),
                (key, timer) -> app.onTimer(timer, conversation));
    }

    @Test
    void afterTheLapseTheHostedDefaultAppIsAskedForTheThreadAndTheReplyGoesOutTagged() {
        FakeHandover handover = new FakeHandover();
        InboxBridgeApp app = reclaimingBridge(handover);
        String ticket = lapsedTicket(app, Duration.ofHours(30));

        AppEndpointResponse answer = replyTo(app, ticket, "r1", "Sorry for the wait");

        assertThat(answer.status()).as(answer.bodyText()).isEqualTo(200);
        assertThat(handover.metadata).singleElement().satisfies(why -> assertThat(why)
                .contains("\"baton\":\"reclaim\"").contains("\"reason\":\"human_agent_reply\"").contains(ticket));
        assertThat(conversation.sends().get(1).tag()).isEqualTo(MessageTag.HUMAN_AGENT);
        assertThat(registry.get("baton.inbox_bridge.reclaims").counter().count()).isEqualTo(1);
        assertThat(helpdesk.events("ticket.closed")).isEmpty();

        // Meta's pass for the reclaim reaches the bridge afterwards: not a new conversation for the humans.
        app.onHandover(EVENTS.pass(T0 + 1, DEFAULT, BRIDGE, handover.metadata.get(0)), conversation);
        assertThat(helpdesk.events("ticket.opened")).hasSize(1);
        assertThat(conversation.sentTexts()).hasSize(2);
    }

    @Test
    void whenTheOwnerIsNotTheHostedDefaultAppTheReplyIsRefusedAndTheTicketClosesSayingWhy() {
        FakeHandover handover = new FakeHandover();
        handover.outcome = HostedHandover.Outcome.OWNED_ELSEWHERE;
        InboxBridgeApp app = reclaimingBridge(handover);
        String ticket = lapsedTicket(app, Duration.ofHours(30));

        AppEndpointResponse answer = replyTo(app, ticket, "r1", "Sorry for the wait");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.bodyText()).contains("not-owner").contains("263902037430900");
        assertThat(conversation.sends()).hasSize(1);
        assertThat(helpdesk.events("ticket.closed").get(0).get("reason").asText())
                .startsWith("control lapsed: the thread is owned by app 263902037430900");
    }

    @Test
    void thePersonWritingWhileTheBotHasTheThreadReachesTheTicketAndTheNextReplyTakesItBackUntagged() {
        FakeHandover handover = new FakeHandover();
        InboxBridgeApp app = reclaimingBridge(handover);
        String ticket = lapsedTicket(app, Duration.ofHours(3)); // the default app got the thread back
        app.onStandby(EVENTS.text(T0 + 3_600_000, "m9", "hello? anyone?", Channel.STANDBY), conversation);

        assertThat(helpdesk.events("message")).singleElement()
                .satisfies(event -> assertThat(event.get("text").asText()).isEqualTo("hello? anyone?"));
        assertThat(replyTo(app, ticket, "r1", "Yes, Ann here").status()).isEqualTo(200);
        assertThat(handover.metadata).hasSize(1);
        assertThat(conversation.sends().get(1).tag()).isNull();
    }

    @Test
    void withoutAnOpenTicketStandbyMessagesAreNotMirrored() {
        bridge.onStandby(EVENTS.text(T0, "m1", "hi bot", Channel.STANDBY), conversation);

        assertThat(helpdesk.events()).isEmpty();
    }

    @Test
    void beyondSevenDaysNothingIsReclaimedAndTheTicketStaysOpen() {
        FakeHandover handover = new FakeHandover();
        InboxBridgeApp app = reclaimingBridge(handover);
        String ticket = lapsedTicket(app, Duration.ofDays(8));

        AppEndpointResponse tooLate = replyTo(app, ticket, "r1", "Still there?");

        assertThat(tooLate.status()).isEqualTo(422);
        assertThat(handover.metadata).as("the reply cannot go out anyway").isEmpty();
        assertThat(helpdesk.events("reply.undeliverable")).hasSize(1);
        assertThat(helpdesk.events("ticket.closed")).isEmpty();
        assertThat(conversation.sends()).hasSize(1);
    }

    @Test
    void theSwitchIsOnByDefaultAndCanBeTurnedOff() {
        assertThat(new Settings.Helpdesk("memory", null, SECRET, null, null, null, null, null)
                .reclaimFromHostedDefault()).isTrue();
        assertThat(new Settings.Helpdesk("memory", null, SECRET, null, null, null, null, false)
                .reclaimFromHostedDefault()).isFalse();
        InboxBridgeApp off = new InboxBridgeApp(new Settings("helpdesk", null, null, null,
                new Settings.Helpdesk("memory", null, SECRET, null, "20ms", null, "7d", false)), helpdesk,
                registry, "inbox");
        String ticket = lapsedTicket(off, Duration.ofHours(30));

        AppEndpointResponse answer = replyTo(off, ticket, "r1", "Sorry for the wait");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(helpdesk.events("ticket.closed").get(0).get("reason").asText()).contains("switched off");
    }
}
