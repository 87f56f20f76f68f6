package dev.baton.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.ConversationKey;
import dev.baton.store.memory.InMemoryConversationStore;
import dev.baton.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerSchedulerTest {

    private static final ConversationKey ALICE = new ConversationKey("100", "alice");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aTimerSetAgainForTheSameTimeBeforeItRanFiresOnce() {
        InMemoryConversationStore store = new InMemoryConversationStore();
        MutableClock clock = new MutableClock(T0);
        TimerScheduler timers = new TimerScheduler(store, clock);
        timers.schedule("shop", ALICE, "t", T0);
        List<TimerScheduler.DueTimer> handedOff = new ArrayList<>();
        assertThat(timers.fireDue(handedOff::add)).isEqualTo(1);
        timers.schedule("shop", ALICE, "t", T0); // set again, same due time, before the first hand-off ran
        assertThat(timers.fireDue(handedOff::add)).isEqualTo(1);

        assertThat(timers.claim(handedOff.get(0))).isFalse(); // stale hand-off
        assertThat(timers.claim(handedOff.get(1))).isTrue();
        timers.finish(handedOff.get(1));
        assertThat(store.timers()).isEmpty();
        assertThat(timers.size()).isZero();
    }

    @Test
    void onlyDueTimersAreHandedOffEarliestFirst() {
        InMemoryConversationStore store = new InMemoryConversationStore();
        MutableClock clock = new MutableClock(T0);
        TimerScheduler timers = new TimerScheduler(store, clock);
        timers.schedule("shop", ALICE, "late", T0.plus(Duration.ofMinutes(10)));
        timers.schedule("shop", ALICE, "early", T0.plus(Duration.ofMinutes(1)));
        timers.schedule("shop", ALICE, "later", T0.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(10));
        List<String> names = new ArrayList<>();
        timers.fireDue(due -> names.add(due.timer().timerName()));
        assertThat(names).containsExactly("early", "late");
        assertThat(timers.size()).isEqualTo(3); // handed off, not yet claimed
    }
}
