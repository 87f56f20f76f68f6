package dev.baton.dispatch;

import static dev.baton.testing.TestEvents.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.DispatchSettings;
import dev.baton.event.ConversationKey;
import dev.baton.event.MessageEvent;
import dev.baton.spi.AppRole;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationStore.StoredTimer;
import dev.baton.spi.HostedApp;
import dev.baton.store.memory.InMemoryConversationStore;
import dev.baton.store.memory.InMemoryEventJournal;
import dev.baton.testing.MutableClock;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestingDeployment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DispatcherTimerTest {

    private static final HostedApp SHOP = new HostedApp("shop", "111", AppRole.DEFAULT);
    private static final ConversationKey ALICE = new ConversationKey("100", "alice");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** "remind" sets a reminder an hour out, "cancel" cancels it; the reminder sets itself again once. */
    static class ReminderApp extends CallRecordingApp {
        @Override
        public void onMessage(MessageEvent event, Conversation conversation) {
            super.onMessage(event, conversation);
            if ("remind".equals(event.message().text())) {
                conversation.schedule("reminder", conversation.now().plus(Duration.ofHours(1)));
            } else if ("cancel".equals(event.message().text())) {
                conversation.cancelTimer("reminder");
            }
        }

        @Override
        public void onTimer(String timerName, Conversation conversation) {
            super.onTimer(timerName, conversation);
            conversation.reply("reminder!");
            if (conversation.state().get("again").isEmpty()) {
                conversation.state().put("again", "done");
                conversation.schedule("reminder", conversation.now().plus(Duration.ofHours(1)));
            }
        }
    }

    @Test
    void timersFireInTheirLaneWhenTheClockReachesThem() {
        ReminderApp app = new ReminderApp();
        try (TestingDeployment deployment = TestingDeployment.builder().startingAt(T0).app(SHOP, app).build()) {
            deployment.deliver("shop", message("100", "alice", "m1", "remind", 1));
            assertThat(deployment.store().timers()).containsExactly(
                    new StoredTimer("shop", ALICE, "reminder", T0.plus(Duration.ofHours(1))));

            deployment.advance(Duration.ofMinutes(59));
            assertThat(app.calls).containsExactly("message:m1");

            deployment.advance(Duration.ofMinutes(1));
            assertThat(app.calls).containsExactly("message:m1", "timer:reminder@alice");
            assertThat(deployment.outbound("shop").sentTexts()).containsExactly("reminder!");
            // It set itself again from its own callback: the store keeps the new one.
            assertThat(deployment.store().timers()).extracting(StoredTimer::dueAt)
                    .containsExactly(T0.plus(Duration.ofHours(2)));

            deployment.advance(Duration.ofHours(1));
            assertThat(app.calls).containsExactly("message:m1", "timer:reminder@alice", "timer:reminder@alice");
            assertThat(deployment.store().timers()).isEmpty();
            assertThat(deployment.dispatcher().pendingTimers()).isZero();
        }
    }

    @Test
    void aCancelledOrMovedTimerDoesNotFire() {
        ReminderApp app = new ReminderApp();
        try (TestingDeployment deployment = TestingDeployment.builder().startingAt(T0).app(SHOP, app).build()) {
            deployment.deliver("shop", message("100", "alice", "m1", "remind", 1));
            deployment.deliver("shop", message("100", "alice", "m2", "cancel", 2));
            deployment.advance(Duration.ofHours(2));
            assertThat(app.calls).containsExactly("message:m1", "message:m2");
            assertThat(deployment.store().timers()).isEmpty();

            deployment.deliver("shop", message("100", "alice", "m3", "remind", 3));
            deployment.advance(Duration.ofMinutes(30));
            deployment.deliver("shop", message("100", "alice", "m4", "remind", 4)); // moves it 30 min on
            deployment.advance(Duration.ofMinutes(45));
            assertThat(app.calls).doesNotContain("timer:reminder@alice");
            deployment.advance(Duration.ofMinutes(15));
            assertThat(app.calls).containsOnlyOnce("timer:reminder@alice");
        }
    }

    @Test
    void theTickNoticesAMovedClockWithoutBeingAsked() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        ReminderApp app = new ReminderApp() {
            @Override
            public void onTimer(String timerName, Conversation conversation) {
                fired.countDown();
            }
        };
        try (TestingDeployment deployment = TestingDeployment.builder().startingAt(T0).app(SHOP, app)
                .settings(new DispatchSettings(2, 100, 100, Duration.ofMillis(20), Duration.ofSeconds(1))).build()) {
            deployment.deliver("shop", message("100", "alice", "m1", "remind", 1));
            deployment.clock().advance(Duration.ofHours(2));
            assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void timersSurviveARestartThroughTheStore() {
        InMemoryConversationStore store = new InMemoryConversationStore();
        MutableClock clock = new MutableClock(T0);
        store.putTimer(new StoredTimer("shop", ALICE, "reminder", T0.plus(Duration.ofMinutes(5))));
        store.putTimer(new StoredTimer("gone", ALICE, "orphan", T0.plus(Duration.ofMinutes(1))));
        ReminderApp app = new ReminderApp();
        Dispatcher dispatcher = Dispatcher.builder().target(new DispatchTarget(SHOP, app, new RecordingOutbound()))
                .journal(new InMemoryEventJournal()).store(store).clock(clock).registry(new SimpleMeterRegistry()).build();
        try {
            dispatcher.start();
            assertThat(dispatcher.pendingTimers()).isEqualTo(2);
            clock.advance(Duration.ofMinutes(10));
            assertThat(dispatcher.runDueTimers()).isEqualTo(2);
            assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(app.calls).containsExactly("timer:reminder@alice");
            // The orphan's app is gone: dropped. The reminder set itself again an hour on.
            assertThat(store.timers()).extracting(StoredTimer::appName).containsExactly("shop");
        } finally {
            dispatcher.close();
        }
    }

    @Test
    void aTriggerRunsOnTimerInTheLaneRightAway() {
        ReminderApp app = new ReminderApp();
        try (TestingDeployment deployment = TestingDeployment.builder().startingAt(T0).app(SHOP, app).build()) {
            deployment.dispatcher().trigger("shop").fire(ALICE, "agent-reply");
            deployment.awaitIdle();
            assertThat(app.calls).containsExactly("timer:agent-reply@alice");
        }
    }
}
