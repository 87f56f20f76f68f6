package dev.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.event.ConversationKey;
import dev.baton.send.SendRequest;
import dev.baton.send.SendResponse;
import dev.baton.spi.ThreadOwnership;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RecordingOutboundTest {

    private static final ConversationKey ALICE = new ConversationKey("100", "alice");
    private static final ConversationKey BOB = new ConversationKey("100", "bob");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final RecordingOutbound outbound = new RecordingOutbound(Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void recordsCallsInOrderAndAnswersSendsWithDistinctIds() {
        SendResponse first = outbound.send(ALICE, SendRequest.text("hi"));
        SendResponse second = outbound.send(BOB, SendRequest.text("yo"));
        outbound.pass(ALICE, "222", "done");
        outbound.release(BOB, null);

        assertThat(first.recipientId()).isEqualTo("alice");
        assertThat(first.messageId()).isNotEqualTo(second.messageId());
        assertThat(outbound.sentTexts()).containsExactly("hi", "yo");
        assertThat(outbound.calls()).hasSize(4);
        assertThat(outbound.callsFor(ALICE)).extracting(call -> call.getClass().getSimpleName())
                .containsExactly("Sent", "Passed");
        assertThat(outbound.passes()).containsExactly(new RecordingOutbound.Passed(ALICE, "222", "done"));
        assertThat(outbound.releases()).containsExactly(new RecordingOutbound.Released(BOB, null));
    }

    @Test
    void ownerAnswersAreConfigurableAndFollowPassesAndReleases() {
        assertThat(outbound.owner(ALICE)).isEqualTo(ThreadOwnership.UNKNOWN);
        ThreadOwnership owned = new ThreadOwnership("111", T0, null, ThreadOwnership.Source.GRAPH_LOOKUP);
        outbound.setOwner(ALICE, owned);
        assertThat(outbound.owner(ALICE)).isEqualTo(owned);

        outbound.setDefaultAppId("999");
        outbound.pass(ALICE, null, null);
        assertThat(outbound.owner(ALICE).ownerAppId()).isEqualTo("999");
        outbound.pass(ALICE, "333", null);
        assertThat(outbound.owner(ALICE).isOwnedBy("333")).isTrue();
        outbound.release(ALICE, null);
        assertThat(outbound.owner(ALICE).ownerAppId()).isEqualTo("999");
        assertThat(outbound.owner(ALICE).since()).isEqualTo(T0);
    }

    @Test
    void failNextCallsThrowsThatManyTimesWithoutRecording() {
        IllegalStateException boom = new IllegalStateException("boom");
        outbound.failNextCalls(2, boom);
        assertThatThrownBy(() -> outbound.send(ALICE, SendRequest.text("a"))).isSameAs(boom);
        assertThatThrownBy(() -> outbound.release(ALICE, null)).isSameAs(boom);
        outbound.send(ALICE, SendRequest.text("b"));
        assertThat(outbound.sentTexts()).containsExactly("b");
        assertThat(outbound.releases()).isEmpty();
    }

    @Test
    void clearForgetsCallsButNotOwners() {
        outbound.setOwner(ALICE, new ThreadOwnership("1", T0, null, ThreadOwnership.Source.GRAPH_LOOKUP));
        outbound.send(ALICE, SendRequest.text("a"));
        outbound.clear();
        assertThat(outbound.calls()).isEmpty();
        assertThat(outbound.owner(ALICE).ownerAppId()).isEqualTo("1");
    }
}
