package dev.baton.defaultapp;

import static dev.baton.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.Platform;
import dev.baton.testing.TestingConversation;
import dev.baton.testing.TestEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Events handed over again after a crash ({@code redelivered()}): finished ones are not repeated. */
class DefaultAppRedeliveredTest {

    private static final TestEvents.Person EVENTS = TestEvents.person("1000", "u1");

    static final String ME = "200";
    static final String BRIDGE = "300";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TestingConversation conversation = EVENTS.conversation(ME, Platform.MESSENGER);
    final DefaultApp app = new DefaultApp(SettingsFixtures.example(), List.of(), new PeerApps(BRIDGE, Set.of()),
            registry, "default");

    @Test
    void aFinishedMessageHandedOverAgainIsNotAnsweredAgain() {
        app.onMessage(EVENTS.text(T0, "m1", "What are your opening times?"), conversation);

        conversation.setRedelivered(true);
        app.onMessage(EVENTS.text(T0, "m1", "What are your opening times?"), conversation);

        assertThat(conversation.sentTexts()).containsExactly("We're open 9:00-18:00, Monday to Saturday.");
        assertThat(new MemoryCodec().load(conversation.state()).messages()).as("remembered once")
                .hasSize(1);
        assertThat(registry.get("baton.default.redelivered_skipped").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aRedeliveredMessageThatWasNotFinishedIsAnswered() {
        app.onMessage(EVENTS.text(T0, "m1", "hi"), conversation);
        // The crash came before m2's handling finished: nothing of it was recorded.
        conversation.setRedelivered(true);
        app.onMessage(EVENTS.text(T0 + 1000, "m2", "What are your opening times?"), conversation);

        assertThat(conversation.sentTexts()).last().isEqualTo("We're open 9:00-18:00, Monday to Saturday.");
        assertThat(registry.find("baton.default.redelivered_skipped").counter()).isNull();
    }

    @Test
    void aLiveEventWithAMidSeenBeforeIsNotTreatedAsARedelivery() {
        // Only the flag allows skipping: the dispatcher drops Meta's repeats, so a live event is always answered.
        app.onMessage(EVENTS.text(T0, "m1", "hours"), conversation);
        app.onMessage(EVENTS.text(T0, "m1", "hours"), conversation);

        assertThat(conversation.sentTexts()).hasSize(2);
    }

    @Test
    void aFinishedEscalationIsNotRepeated() {
        app.onMessage(EVENTS.text(T0, "m1", "agent"), conversation);
        conversation.setOwner(ME).setRedelivered(true);

        app.onMessage(EVENTS.text(T0, "m1", "agent"), conversation);

        assertThat(conversation.passes()).hasSize(1);
        assertThat(conversation.sentTexts()).hasSize(1);
    }

    @Test
    void aFinishedPostbackAndReferralAreNotRepeated() {
        app.onPostback(EVENTS.postback(T0, "Get Started", "GET_STARTED", null), conversation);
        app.onReferral(EVENTS.link(T0 + 1000, "spring-sale"), conversation);
        conversation.setRedelivered(true);
        app.onReferral(EVENTS.link(T0 + 1000, "spring-sale"), conversation);

        assertThat(conversation.sentTexts()).hasSize(2);
    }

    @Test
    void aFinishedHandoverIsNotAnsweredAgain() {
        String metadata = "{\"from\":\"inbox-bridge\",\"event\":\"human-done\"}";
        app.onHandover(EVENTS.pass(T0, BRIDGE, ME, metadata), conversation);
        conversation.setRedelivered(true);
        app.onHandover(EVENTS.pass(T0, BRIDGE, ME, metadata), conversation);

        assertThat(conversation.sentTexts())
                .containsExactly("Our team has finished here. I'm around if you need anything else.");
    }
}
