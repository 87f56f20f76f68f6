package dev.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.event.Platform;
import dev.baton.graph.error.NotThreadOwnerException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TestingConversationTest {

    @Test
    void recordsSendsStateAndTimers() {
        TestingConversation conversation = new TestingConversation().setAppId("a").setPlatform(Platform.INSTAGRAM);
        conversation.reply("hello");
        conversation.state().put("k", "v");
        conversation.schedule("t", conversation.now().plusSeconds(60));

        assertThat(conversation.sentTexts()).containsExactly("hello");
        assertThat(conversation.sends()).hasSize(1);
        assertThat(conversation.state("k")).contains("v");
        assertThat(conversation.timers()).containsEntry("t", TestingConversation.DEFAULT_START.plusSeconds(60));
        assertThat(conversation.platform()).isEqualTo(Platform.INSTAGRAM);
        conversation.cancelTimer("t");
        assertThat(conversation.timers()).isEmpty();
    }

    @Test
    void theRedeliveredFlagIsOffUnlessATestSetsIt() {
        TestingConversation conversation = new TestingConversation();
        assertThat(conversation.redelivered()).isFalse();
        assertThat(conversation.setRedelivered(true).redelivered()).isTrue();
        assertThat(conversation.setRedelivered(false).redelivered()).isFalse();
    }

    @Test
    void ownershipMovesOnPassAndRelease() {
        TestingConversation conversation = new TestingConversation().setAppId("a").setDefaultAppId("d");
        conversation.passTo("b", "meta");
        assertThat(conversation.passes()).containsExactly(new TestingConversation.Pass("b", "meta"));
        assertThat(conversation.passedTo()).isEqualTo("b");
        assertThat(conversation.owner().ownerAppId()).isEqualTo("b");
        assertThatThrownBy(() -> conversation.reply("late")).isInstanceOf(IllegalStateException.class);

        conversation.setOwner("a").release("bye");
        assertThat(conversation.releases()).containsExactly("bye");
        assertThat(conversation.ownerAppId()).isEqualTo("d");
        conversation.setOwner("a").passTo(null, "x");
        assertThat(conversation.ownerAppId()).isEqualTo("d");
    }

    @Test
    void strictOwnershipRefusesPassAndReleaseOutOfTurn() {
        TestingConversation lenient = new TestingConversation().setOwner("other");
        lenient.release("ok");
        assertThat(lenient.releases()).containsExactly("ok");

        TestingConversation strict = new TestingConversation().setStrictOwnership(true).setOwner("other");
        assertThatThrownBy(() -> strict.release("no")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> strict.passTo("b", "no")).isInstanceOf(IllegalStateException.class);
        assertThat(strict.releases()).isEmpty();
        assertThat(strict.passes()).isEmpty();
    }

    @Test
    void metaOwnerMakesCallsFailLikeMeta() {
        TestingConversation conversation = new TestingConversation().setAppId("a").setMetaOwner("d");
        assertThatThrownBy(() -> conversation.reply("hi")).isInstanceOf(NotThreadOwnerException.class);
        assertThatThrownBy(() -> conversation.passTo(null, "x")).isInstanceOf(NotThreadOwnerException.class);
        assertThat(conversation.sends()).isEmpty();
    }

    @Test
    void timeMovesOnlyWhenTold() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        TestingConversation conversation = new TestingConversation().setNow(start).setLastUserMessageAt(start);
        assertThat(conversation.now()).isEqualTo(start);
        conversation.advance(Duration.ofMinutes(5));
        assertThat(conversation.now()).isEqualTo(start.plusSeconds(300));
        assertThat(conversation.lastUserMessageAt()).contains(start);
    }
}
