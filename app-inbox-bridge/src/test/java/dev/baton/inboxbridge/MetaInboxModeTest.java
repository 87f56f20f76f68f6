package dev.baton.inboxbridge;

import static dev.baton.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.TestingConversation;
import dev.baton.event.Channel;
import dev.baton.event.Platform;
import dev.baton.testing.TestEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetaInboxModeTest {

    private static final TestEvents.Person EVENTS = TestEvents.person("1000", "u1");

    static final String BRIDGE = "300";
    static final String DEFAULT = "200";
    static final String INBOX = "263902037430900";
    static final String SUMMARY = "{\"from\":\"default\",\"reason\":\"keyword\"}";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TestingConversation conversation = EVENTS.conversation(BRIDGE, Platform.MESSENGER);

    InboxBridgeApp bridge(String handoffText) {
        return new InboxBridgeApp(new Settings(null, handoffText, null, null, null), null, registry, "inbox");
    }

    @Test
    void aConversationPassedToTheBridgeGoesOnToThePageInboxWithItsSummary() {
        bridge("A person will answer shortly.").onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);

        assertThat(conversation.sentTexts()).containsExactly("A person will answer shortly.");
        assertThat(conversation.passes()).hasSize(1);
        assertThat(conversation.passes().get(0)).isEqualTo(new TestingConversation.Pass(INBOX, SUMMARY));
        assertThat(registry.get("baton.inbox_bridge.handoffs").counter().count()).isEqualTo(1);
    }

    @Test
    void onInstagramTheInstagramInboxIsUsed() {
        TestingConversation instagram = EVENTS.conversation(BRIDGE, Platform.INSTAGRAM);
        bridge(null).onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, null), instagram);

        assertThat(instagram.sends()).isEmpty();
        assertThat(instagram.passes().get(0).targetAppId()).isEqualTo("1217981644879628");
    }

    @Test
    void aDuplicatePassIsHandledOnce() {
        InboxBridgeApp bridge = bridge(null);
        bridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);
        conversation.setOwner(BRIDGE); // as if Meta had delivered the same pass again
        bridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);

        assertThat(conversation.passes()).hasSize(1);
    }

    @Test
    void agentRepliesOnStandbyAreTimedOnceAndTheBridgeStaysSilent() {
        InboxBridgeApp bridge = bridge(null);
        bridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);
        bridge.onStandby(EVENTS.text(T0 + 10_000, "m1", "hello?", Channel.STANDBY), conversation);
        bridge.onStandby(EVENTS.echo(T0 + 60_000, INBOX, "Hi, this is Ann"), conversation);
        bridge.onStandby(EVENTS.echo(T0 + 90_000, INBOX, "How can I help?"), conversation);

        assertThat(conversation.sends()).isEmpty();
        assertThat(registry.get("baton.inbox_bridge.time_to_first_reply").timer().count()).isEqualTo(1);
        assertThat(registry.get("baton.inbox_bridge.time_to_first_reply").timer().totalTime(TimeUnit.SECONDS))
                .isEqualTo(60.0);
        assertThat(registry.get("baton.inbox_bridge.time_to_human").timer().count()).isEqualTo(1);
    }

    @Test
    void controlComingBackFromTheInboxGoesToTheDefaultAppSayingSo() {
        InboxBridgeApp bridge = bridge(null);
        bridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);
        conversation.setOwner(BRIDGE);
        bridge.onHandover(EVENTS.pass(T0 + 5000, INBOX, BRIDGE, null), conversation);

        assertThat(conversation.passes()).hasSize(2);
        assertThat(conversation.passes().get(1).targetAppId()).isNull();
        assertThat(conversation.passes().get(1).metadata()).contains("\"event\":\"human-done\"").contains("\"via\":\"inbox\"");
        assertThat(registry.get("baton.inbox_bridge.handbacks").tag("via", "inbox").counter().count()).isEqualTo(1);
    }

    @Test
    void anotherAppTalkingMeansTheHumansAreDone() {
        InboxBridgeApp bridge = bridge(null);
        bridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);
        bridge.onStandby(EVENTS.echo(T0 + 1000, DEFAULT, "Welcome back!"), conversation);
        bridge.onStandby(EVENTS.echo(T0 + 2000, INBOX, "late agent line"), conversation);

        assertThat(registry.get("baton.inbox_bridge.handbacks").tag("via", "elsewhere").counter().count()).isEqualTo(1);
        assertThat(registry.find("baton.inbox_bridge.time_to_first_reply").timer()).isNull();
    }

    @Test
    void theDefaultAppTalkingAfterAHandoverFromTheInboxIsCountedAsTheAgentMarkingItDone() {
        InboxBridgeApp bridge = bridge(null);
        bridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);
        // What the deployment learned when the default app got Meta's pass_thread_control from the inbox.
        conversation.setOwner(DEFAULT).setOwnershipSource(dev.baton.spi.ThreadOwnership.Source.HANDOVER_EVENT);
        bridge.onStandby(EVENTS.echo(T0 + 1000, DEFAULT, "Welcome back!"), conversation);

        assertThat(registry.get("baton.inbox_bridge.handbacks").tag("via", "inbox-done").counter().count())
                .isEqualTo(1);
        assertThat(registry.find("baton.inbox_bridge.handbacks").tag("via", "elsewhere").counter()).isNull();
        assertThat(conversation.passes()).hasSize(1);
        assertThat(conversation.sends()).isEmpty();
    }

    @Test
    void aHandoverToTheInboxItselfIsNotTakenForDone() {
        InboxBridgeApp bridge = bridge(null);
        bridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);
        conversation.setOwner(INBOX).setOwnershipSource(dev.baton.spi.ThreadOwnership.Source.HANDOVER_EVENT);
        bridge.onStandby(EVENTS.echo(T0 + 1000, DEFAULT, "a stray bot line"), conversation);

        assertThat(registry.get("baton.inbox_bridge.handbacks").tag("via", "elsewhere").counter().count())
                .isEqualTo(1);
    }

    @Test
    void anAgentAnsweringUnaskedInTheInboxIsWatchedToo() {
        InboxBridgeApp bridge = bridge(null);
        conversation.setOwner(INBOX);
        bridge.onStandby(EVENTS.echo(T0, INBOX, "Hi, I saw your message"), conversation);
        bridge.onStandby(EVENTS.echo(T0 + 5000, DEFAULT, "Welcome back!"), conversation);

        assertThat(registry.get("baton.inbox_bridge.handoffs").tag("how", "inbox-took").counter().count()).isEqualTo(1);
        assertThat(registry.get("baton.inbox_bridge.handbacks").tag("via", "elsewhere").counter().count()).isEqualTo(1);
        assertThat(conversation.sends()).isEmpty();
    }

    @Test
    void theInboxTakingControlCountsAsAHumanActing() {
        InboxBridgeApp bridge = bridge(null);
        bridge.onHandover(EVENTS.pass(T0, DEFAULT, BRIDGE, SUMMARY), conversation);
        bridge.onHandover(EVENTS.take(T0 + 3000, BRIDGE, INBOX), conversation);

        assertThat(registry.get("baton.inbox_bridge.time_to_human").timer().totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
    }

    @Test
    void aThreadOwnedWithoutAPassIsPassedOnToTheInbox() {
        bridge(null).onMessage(EVENTS.text(T0, "m1", "help", Channel.MESSAGING), conversation);

        assertThat(conversation.passes().get(0).targetAppId()).isEqualTo(INBOX);
        assertThat(conversation.sends()).isEmpty();
    }

    @Test
    void nothingHappensOnStandbyWithoutAnEpisode() {
        InboxBridgeApp bridge = bridge("hi");
        conversation.setOwner(DEFAULT);
        bridge.onStandby(EVENTS.text(T0, "m1", "hello", Channel.STANDBY), conversation);
        bridge.onStandby(EVENTS.echo(T0 + 1, DEFAULT, "bot line"), conversation);

        assertThat(conversation.sends()).isEmpty();
        assertThat(conversation.passes()).isEmpty();
        assertThat(bridge.handle(new dev.baton.spi.AppEndpointRequest("POST", "/helpdesk", java.util.Map.of(),
                new byte[0]), (key, timer) -> { }).status()).isEqualTo(404);
    }
}
