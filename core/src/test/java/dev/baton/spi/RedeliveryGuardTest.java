package dev.baton.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.event.MessageEvent;
import dev.baton.testing.TestEvents;
import dev.baton.testing.TestingConversation;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RedeliveryGuardTest {

    final RedeliveryGuard guard = new RedeliveryGuard("app.done");
    final TestingConversation conversation = new TestingConversation();
    final AtomicInteger runs = new AtomicInteger();
    final MessageEvent first = TestEvents.message("1", "u", "m1", "hi", 1_000);

    @Test
    void aLiveEventAlwaysRunsAndIsRecorded() {
        assertThat(guard.runOnce(first, conversation, runs::incrementAndGet)).isTrue();
        assertThat(guard.runOnce(first, conversation, runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(2);
        assertThat(conversation.state().get("app.done")).contains("m:m1");
    }

    @Test
    void aRedeliveryOfTheLastFinishedEventIsSkipped() {
        guard.runOnce(first, conversation, runs::incrementAndGet);
        conversation.setRedelivered(true);
        assertThat(guard.runOnce(first, conversation, runs::incrementAndGet)).isFalse();
        assertThat(runs).hasValue(1);
    }

    @Test
    void aRedeliveryOfAnUnfinishedEventRuns() {
        guard.runOnce(first, conversation, runs::incrementAndGet);
        conversation.setRedelivered(true);
        MessageEvent second = TestEvents.message("1", "u", "m2", "again", 2_000);
        assertThat(guard.runOnce(second, conversation, runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(2);
        assertThat(conversation.state().get("app.done")).contains("m:m2");
    }

    @Test
    void aHandlingThatThrowsIsNotRecorded() {
        RuntimeException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> guard.runOnce(first, conversation, () -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(conversation.state().get("app.done")).isEmpty();
    }

    @Test
    void keysNameTheEvent() {
        assertThat(RedeliveryGuard.keyOf(first)).isEqualTo("m:m1");
        assertThat(RedeliveryGuard.keyOf(TestEvents.postback("1", "u", null, "MENU", 5))).isEqualTo("p:5:MENU");
        assertThat(RedeliveryGuard.keyOf(TestEvents.adReferral("1", "u", "ad", "ref", 7))).isEqualTo("r:7");
    }
}
