package dev.baton.inboxbridge;

import static dev.baton.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.event.Channel;
import dev.baton.event.Platform;
import dev.baton.inboxbridge.helpdesk.HelpdeskProtocol;
import dev.baton.inboxbridge.helpdesk.HelpdeskSignature;
import dev.baton.inboxbridge.helpdesk.InMemoryHelpdeskConnector;
import dev.baton.testing.TestingConversation;
import dev.baton.testing.TestEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The default app's {@code returning} pass: a person came back during an open episode. */
class ReturningPersonTest {

    private static final TestEvents.Person EVENTS = TestEvents.person("1000", "u1");

    static final String BRIDGE = "300";
    static final String DEFAULT = "200";
    static final String INBOX = "263902037430900";
    static final String SECRET = "helpdesk-test-secret-0123456789";
    static final long HOUR = 3_600_000L;
    static final String SUMMARY = "{\"from\":\"default\",\"reason\":\"keyword\"}";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TestingConversation conversation = EVENTS.conversation(BRIDGE, Platform.MESSENGER);
    final InMemoryHelpdeskConnector helpdesk = new InMemoryHelpdeskConnector(
            new HelpdeskProtocol(new HelpdeskSignature(SECRET)),
            Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC));

    InboxBridgeApp helpdeskBridge() {
        return new InboxBridgeApp(new Settings("helpdesk", "You're in the queue for a person.", null, null,
                new Settings.Helpdesk("memory", null, SECRET, null, "20ms", null, "7d", null)),
                helpdesk, registry, "inbox");
    }

    InboxBridgeApp metaInboxBridge() {
        return new InboxBridgeApp(new Settings(null, "A colleague will answer here.", null, null, null),
                null, registry, "inbox");
    }

    static String returning(String mid, String text) {
        return "{\"baton\":\"returning\",\"from\":\"default\",\"to\":\"human\",\"escalation\":{\"target\":\"300\","
                + "\"at\":" + T0 + ",\"reason\":\"keyword\"},\"mid\":\"" + mid + "\",\"text\":\"" + text + "\"}";
    }

    /** Opens a ticket at T0, then Meta's silent lapse gives the thread to the default app. */
    InboxBridgeApp openedAndLapsed() {
        InboxBridgeApp bridge = helpdeskBridge();
        conversation.setOwner(BRIDGE);
        bridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);
        conversation.setOwner(DEFAULT);
        return bridge;
    }

    @Test
    void helpdeskTheSameTicketGoesOnWithTheMessageMirroredOnceWhicheverWayItCameFirst() {
        InboxBridgeApp bridge = openedAndLapsed();
        String ticket = helpdesk.events("ticket.opened").get(0).get("ticket").asText();

        bridge.onStandby(EVENTS.text(T0 + 30 * HOUR, "m5", "any news?", Channel.STANDBY), conversation);
        conversation.setOwner(BRIDGE);
        bridge.onHandover(EVENTS.pass(T0 + 30 * HOUR + 10, DEFAULT, BRIDGE, returning("m5", "any news?")),
                conversation);

        assertThat(helpdesk.events("ticket.opened")).hasSize(1);
        assertThat(helpdesk.events("message")).singleElement().satisfies(message -> {
            assertThat(message.get("ticket").asText()).isEqualTo(ticket);
            assertThat(message.get("text").asText()).isEqualTo("any news?");
        });
        assertThat(conversation.sentTexts()).as("no second handoff line").hasSize(1);
        assertThat(registry.get("baton.inbox_bridge.returns").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("baton.inbox_bridge.handoffs").counter().count()).isEqualTo(1.0);
    }

    @Test
    void helpdeskAPassAheadOfTheStandbyCopyMirrorsFromTheMetadata() {
        InboxBridgeApp bridge = openedAndLapsed();
        conversation.setOwner(BRIDGE);
        bridge.onHandover(EVENTS.pass(T0 + 30 * HOUR + 10, DEFAULT, BRIDGE, returning("m5", "any news?")),
                conversation);
        bridge.onStandby(EVENTS.text(T0 + 30 * HOUR, "m5", "any news?", Channel.STANDBY), conversation);

        assertThat(helpdesk.events("message")).extracting(message -> message.get("text").asText())
                .containsExactly("any news?");
        assertThat(conversation.passes()).isEmpty();
    }

    @Test
    void helpdeskAReturningPassAfterTheTicketClosedOpensANewOneWithTheMessage() {
        InboxBridgeApp bridge = openedAndLapsed();
        String first = helpdesk.events("ticket.opened").get(0).get("ticket").asText();
        conversation.setOwner(BRIDGE);
        bridge.onTimer(Inactivity.TIMER, conversation); // closed, handed back
        conversation.setOwner(BRIDGE);

        bridge.onHandover(EVENTS.pass(T0 + 50 * HOUR, DEFAULT, BRIDGE, returning("m9", "hello?")),
                conversation);

        assertThat(helpdesk.events("ticket.opened")).hasSize(2);
        JsonNode second = helpdesk.events("ticket.opened").get(1);
        assertThat(second.get("ticket").asText()).isNotEqualTo(first);
        assertThat(helpdesk.events("message")).singleElement().satisfies(message -> {
            assertThat(message.get("ticket").asText()).isEqualTo(second.get("ticket").asText());
            assertThat(message.get("text").asText()).isEqualTo("hello?");
        });
    }

    @Test
    void metaInboxAReturningPassDuringTheStayGoesOnToTheInboxSilently() {
        InboxBridgeApp bridge = metaInboxBridge();
        conversation.setOwner(BRIDGE);
        bridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);
        assertThat(conversation.passedTo()).isEqualTo(INBOX);
        conversation.setOwner(BRIDGE); // the default app passed back after the lapse

        bridge.onHandover(EVENTS.pass(T0 + 25 * HOUR, DEFAULT, BRIDGE, returning("m5", "hello again")),
                conversation);

        assertThat(conversation.passes()).extracting(TestingConversation.Pass::targetAppId)
                .containsExactly(INBOX, INBOX);
        assertThat(conversation.passMetadata().get(1)).contains("returning").contains("hello again");
        assertThat(conversation.sentTexts()).containsExactly("A colleague will answer here.");
        assertThat(registry.get("baton.inbox_bridge.handoffs").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("baton.inbox_bridge.returns").counter().count()).isEqualTo(1.0);
    }

    @Test
    void metaInboxAReturningPassWithNoOpenEpisodeIsAnOrdinaryHandoff() {
        InboxBridgeApp bridge = metaInboxBridge();
        conversation.setOwner(BRIDGE);

        bridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, returning("m5", "hello again")), conversation);

        assertThat(conversation.passedTo()).isEqualTo(INBOX);
        assertThat(conversation.sentTexts()).containsExactly("A colleague will answer here.");
        assertThat(registry.find("baton.inbox_bridge.returns").counter()).isNull();
    }

    @Test
    void returningMetadataIsRecognisedOnlyWhenMarked() {
        assertThat(ReturningPerson.parse(returning("m1", "hi"))).isEqualTo(new ReturningPerson("m1", "hi"));
        assertThat(ReturningPerson.parse("{\"why\":\"returning\"}")).isNull();
        assertThat(ReturningPerson.parse("returning, not json")).isNull();
        assertThat(ReturningPerson.parse(null)).isNull();
    }
}
