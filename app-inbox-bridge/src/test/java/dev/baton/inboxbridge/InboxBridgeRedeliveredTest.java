package dev.baton.inboxbridge;

import static dev.baton.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.Channel;
import dev.baton.event.Platform;
import dev.baton.inboxbridge.helpdesk.HelpdeskProtocol;
import dev.baton.inboxbridge.helpdesk.HelpdeskSignature;
import dev.baton.inboxbridge.helpdesk.InMemoryHelpdeskConnector;
import dev.baton.spi.RedeliveryGuard;
import dev.baton.testing.TestingConversation;
import dev.baton.testing.TestEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Events handed over again after a crash ({@code redelivered()}): what was finished is not repeated. */
class InboxBridgeRedeliveredTest {

    private static final TestEvents.Person EVENTS = TestEvents.person("1000", "u1");

    static final String BRIDGE = "300";
    static final String DEFAULT = "200";
    static final String INBOX = "263902037430900";
    static final String SECRET = "helpdesk-test-secret-0123456789";
    static final String SUMMARY = "{\"from\":\"default\",\"reason\":\"keyword\"}";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TestingConversation conversation = EVENTS.conversation(BRIDGE, Platform.MESSENGER).setOwner(BRIDGE);
    final InMemoryHelpdeskConnector helpdesk = new InMemoryHelpdeskConnector(
            new HelpdeskProtocol(new HelpdeskSignature(SECRET)),
            Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC));
    final InboxBridgeApp helpdeskBridge = new InboxBridgeApp(new Settings("helpdesk", "Queued.", null, null,
            new Settings.Helpdesk("memory", null, SECRET, null, "20ms", null, "7d", null)),
            helpdesk, registry, "inbox");
    final InboxBridgeApp metaInboxBridge = new InboxBridgeApp(new Settings(null, "Passing you on.", null,
            null, null), null, registry, "inbox");

    @Test
    void aFinishedHandoffIsNotRepeated() {
        helpdeskBridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);
        conversation.setRedelivered(true);
        helpdeskBridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);

        assertThat(helpdesk.events("ticket.opened")).hasSize(1);
        assertThat(conversation.sentTexts()).containsExactly("Queued.");
        assertThat(registry.get("baton.inbox_bridge.redelivered_skipped").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aFinishedMessageIsNotMirroredTwice() {
        helpdeskBridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);
        helpdeskBridge.onMessage(EVENTS.text(T0 + 1000, "m1", "my parcel", Channel.MESSAGING), conversation);
        conversation.setRedelivered(true);
        helpdeskBridge.onMessage(EVENTS.text(T0 + 1000, "m1", "my parcel", Channel.MESSAGING), conversation);

        assertThat(helpdesk.events("message")).hasSize(1);
    }

    @Test
    void aHandoffInterruptedBeforeItWasRecordedIsDoneAgainWithTheSameTicket() {
        helpdeskBridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);
        String ticket = helpdesk.events("ticket.opened").get(0).get("ticket").asText();
        // The crash came after the ticket and the line, before anything was recorded: the state is as before.
        conversation.state().remove(EpisodeCodec.KEY);
        conversation.state().remove(InboxBridgeApp.DONE_SLOT);
        conversation.setRedelivered(true);

        helpdeskBridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);

        assertThat(helpdesk.events("ticket.opened")).extracting(event -> event.get("ticket").asText())
                .containsExactly(ticket, ticket);
        assertThat(conversation.sentTexts()).as("at least once: the line may repeat").hasSize(2);
    }

    @Test
    void metaInboxAFinishedPassOnIsNotRepeated() {
        metaInboxBridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);
        conversation.setOwner(BRIDGE).setRedelivered(true); // as the deployment may believe after a restart

        metaInboxBridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);

        assertThat(conversation.passes()).extracting(TestingConversation.Pass::targetAppId).containsExactly(INBOX);
        assertThat(conversation.sentTexts()).containsExactly("Passing you on.");
    }

    @Test
    void metaInboxAPassThatFailedLeavesNoEpisodeSoTheNextMessageTriesAgain() {
        conversation.setStrictOwnership(true).setOwner(DEFAULT);
        try {
            metaInboxBridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);
        } catch (RuntimeException expected) {
            // not the owner: Meta refused the pass
        }
        conversation.setOwner(BRIDGE);
        metaInboxBridge.onMessage(EVENTS.text(T0 + 1000, "m1", "hello?", Channel.MESSAGING), conversation);

        assertThat(conversation.passedTo()).isEqualTo(INBOX);
        assertThat(registry.find("baton.inbox_bridge.handbacks").counters()).isEmpty();
    }

    @Test
    void keysNameTheEvent() {
        assertThat(RedeliveryGuard.keyOf(EVENTS.text(T0, "m1", "x", Channel.MESSAGING))).isEqualTo("m:m1");
        assertThat(RedeliveryGuard.keyOf(EVENTS.pass(T0, DEFAULT, BRIDGE, null)))
                .isEqualTo("pass:" + T0 + ":200:300");
        assertThat(RedeliveryGuard.keyOf(EVENTS.take(T0, BRIDGE, INBOX))).isEqualTo("take:" + T0 + ":300:263902037430900");
    }
}
