package dev.baton.dispatch;

import static dev.baton.testing.TestEvents.adReferral;
import static dev.baton.testing.TestEvents.delivery;
import static dev.baton.testing.TestEvents.echo;
import static dev.baton.testing.TestEvents.message;
import static dev.baton.testing.TestEvents.passedTo;
import static dev.baton.testing.TestEvents.postback;
import static dev.baton.testing.TestEvents.reaction;
import static dev.baton.testing.TestEvents.read;
import static dev.baton.testing.TestEvents.standbyMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.event.ConversationKey;
import dev.baton.event.MessageEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.spi.AppRole;
import dev.baton.spi.Conversation;
import dev.baton.spi.HostedApp;
import dev.baton.testing.TestingDeployment;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private static final HostedApp SHOP = new HostedApp("shop", "111", AppRole.DEFAULT);
    private static final HostedApp ADS = new HostedApp("ads", "222", AppRole.MARKETING);
    private static final ConversationKey ALICE = new ConversationKey("100", "alice");

    @Test
    void routesMessagingEventsByKindAndStandbyEventsToOnStandby() {
        CallRecordingApp app = new CallRecordingApp();
        try (TestingDeployment deployment = TestingDeployment.builder().app(SHOP, app).build()) {
            deployment.deliver("shop",
                    message("100", "alice", "m1", "hi", 1_000),
                    echo("100", "alice", "m2", "hello", "111", 1_001),
                    postback("100", "alice", "m3", "GET_STARTED", 1_002),
                    adReferral("100", "alice", "ad-9", "ref", 1_003),
                    passedTo("100", "alice", "222", "111", "meta", 1_004),
                    read("100", "alice", 1_004, 1_005),
                    delivery("100", "alice", 1_004, 1_006),
                    reaction("100", "alice", "m2", "react", "love", 1_007),
                    standbyMessage("100", "alice", "m4", "psst", 1_008));
            assertThat(app.calls).containsExactly("message:m1", "echo:m2", "postback:m3", "referral:ad-9",
                    "handover:pass_thread_control", "read:1004", "delivery:1004", "reaction:m2:react",
                    "standby:message");
        }
    }

    @Test
    void dropsRetriedMidsPerAppButNotAcrossApps() {
        CallRecordingApp shop = new CallRecordingApp();
        CallRecordingApp ads = new CallRecordingApp();
        try (TestingDeployment deployment = TestingDeployment.builder().app(SHOP, shop).app(ADS, ads).build()) {
            deployment.deliver("shop", message("100", "alice", "m1", "hi", 1_000));
            deployment.deliver("shop", message("100", "alice", "m1", "hi", 1_000), message("100", "alice", "m2", "x", 1_001));
            deployment.deliver("ads", standbyMessage("100", "alice", "m1", "hi", 1_000));
            deployment.deliver("shop", postback("100", "alice", "p1", "A", 1_002), postback("100", "alice", "p1", "A", 1_002));
            deployment.deliver("shop", echo("100", "alice", "e1", "yo", "111", 1_003), echo("100", "alice", "e1", "yo", "111", 1_003));

            assertThat(shop.calls).containsExactly("message:m1", "message:m2", "postback:p1", "echo:e1");
            assertThat(ads.calls).containsExactly("standby:message");
            assertThat(deployment.registry().counter("baton.dispatch.duplicates", "app", "shop", "kind", "message")
                    .count()).isEqualTo(1.0);
            assertThat(deployment.registry().counter("baton.dispatch.duplicates", "app", "shop", "kind", "postback")
                    .count()).isEqualTo(1.0);
        }
    }

    @Test
    void dropsReadsAndDeliveriesWhoseWatermarkDidNotMove() {
        CallRecordingApp app = new CallRecordingApp();
        try (TestingDeployment deployment = TestingDeployment.builder().app(SHOP, app).build()) {
            deployment.deliver("shop", read("100", "alice", 500, 1), read("100", "alice", 500, 2),
                    read("100", "alice", 400, 3), read("100", "alice", 600, 4), read("100", "bob", 400, 5),
                    delivery("100", "alice", 500, 6), delivery("100", "alice", 500, 7));
            // bob's lane runs beside alice's, so only alice's order is fixed
            assertThat(app.calls).containsExactlyInAnyOrder("read:500", "read:600", "read:400", "delivery:500");
            assertThat(app.calls.stream().filter(call -> !call.equals("read:400")))
                    .containsExactly("read:500", "read:600", "delivery:500");
        }
    }

    @Test
    void reactionsAreKeyedByMidActionReactionAndTimeSoAReReactIsHeard() {
        CallRecordingApp app = new CallRecordingApp();
        try (TestingDeployment deployment = TestingDeployment.builder().app(SHOP, app).build()) {
            deployment.deliver("shop", reaction("100", "alice", "m1", "react", "love", 10),
                    reaction("100", "alice", "m1", "react", "love", 10),
                    reaction("100", "alice", "m1", "unreact", "love", 11),
                    reaction("100", "alice", "m1", "react", "love", 12));
            assertThat(app.calls).containsExactly("reaction:m1:react", "reaction:m1:unreact", "reaction:m1:react");
        }
    }

    @Test
    void eventsWithoutANaturalKeyAreNotDeduplicated() {
        CallRecordingApp app = new CallRecordingApp();
        try (TestingDeployment deployment = TestingDeployment.builder().app(SHOP, app).build()) {
            deployment.deliver("shop", adReferral("100", "alice", "ad", "r", 5), adReferral("100", "alice", "ad", "r", 5));
            assertThat(app.calls).containsExactly("referral:ad", "referral:ad");
        }
    }

    @Test
    void aThrowingHandlerIsCountedAndItsLaneGoesOn() {
        List<String> seen = new CopyOnWriteArrayList<>();
        CallRecordingApp app = new CallRecordingApp() {
            @Override
            public void onMessage(MessageEvent event, Conversation conversation) {
                seen.add(event.message().text());
                if (event.message().text().startsWith("boom")) {
                    throw new IllegalStateException("secret text " + event.message().text());
                }
            }
        };
        try (TestingDeployment deployment = TestingDeployment.builder().app(SHOP, app).build()) {
            deployment.deliver("shop", message("100", "alice", "m1", "boom1", 1), message("100", "alice", "m2", "after", 2),
                    message("100", "bob", "m3", "boom2", 3), message("100", "bob", "m4", "bob after", 4));
            assertThat(seen).containsExactlyInAnyOrder("boom1", "after", "boom2", "bob after");
            assertThat(seen.indexOf("after")).isGreaterThan(seen.indexOf("boom1"));
            assertThat(deployment.registry().counter("baton.dispatch.handler.failures", "app", "shop", "kind", "message")
                    .count()).isEqualTo(2.0);
            assertThat(deployment.journal().size()).isZero(); // failed events are done: not fed again
        }
    }

    @Test
    void handlerFailuresAreLoggedWithoutTheirMessages() {
        IllegalStateException original = new IllegalStateException("the person wrote: my card is 4242",
                new RuntimeException("token EAAsecret"));
        HandlerFailure failure = HandlerFailure.of(original);
        assertThat(failure.getMessage()).isEqualTo("java.lang.IllegalStateException (message withheld)");
        assertThat(failure.getCause().getMessage()).isEqualTo("java.lang.RuntimeException (message withheld)");
        assertThat(failure.getStackTrace()).isEqualTo(original.getStackTrace());
        assertThat(failure.toString()).doesNotContain("4242").doesNotContain("EAAsecret");
    }

    @Test
    void listenersRunBeforeTheCallbackAndAFailingListenerDoesNotStopIt() {
        List<String> order = new CopyOnWriteArrayList<>();
        CallRecordingApp app = new CallRecordingApp() {
            @Override
            public void onMessage(MessageEvent event, Conversation conversation) {
                order.add("handler");
            }
        };
        try (TestingDeployment deployment = TestingDeployment.builder().app(SHOP, app)
                .listener((hosted, event) -> order.add("listener:" + hosted.name() + ":" + event.kind()))
                .listener((hosted, event) -> {
                    throw new IllegalStateException("broken listener");
                }).build()) {
            deployment.deliver("shop", message("100", "alice", "m1", "hi", 1));
            assertThat(order).containsExactly("listener:shop:message", "handler");
            assertThat(deployment.registry().counter("baton.dispatch.listener.failures").count()).isEqualTo(1.0);
        }
    }

    @Test
    void recordsWhenThePersonLastWroteFromMessagesPostbacksAndReferralsOnly() {
        AtomicReference<Instant> seenInHandler = new AtomicReference<>();
        CallRecordingApp app = new CallRecordingApp() {
            @Override
            public void onMessage(MessageEvent event, Conversation conversation) {
                seenInHandler.set(conversation.lastUserMessageAt().orElse(null));
            }
        };
        try (TestingDeployment deployment = TestingDeployment.builder().app(SHOP, app).build()) {
            deployment.deliver("shop", echo("100", "alice", "e1", "x", "111", 9_000));
            assertThat(deployment.store().lastUserMessage(ALICE)).isEmpty();
            deployment.deliver("shop", message("100", "alice", "m1", "hi", 5_000));
            assertThat(seenInHandler.get()).isEqualTo(Instant.ofEpochMilli(5_000));
            deployment.deliver("shop", standbyMessage("100", "alice", "m2", "hi", 6_000));
            assertThat(deployment.store().lastUserMessage(ALICE)).contains(Instant.ofEpochMilli(6_000));
            deployment.deliver("shop", postback("100", "alice", "p1", "X", 4_000)); // late: never moves back
            assertThat(deployment.store().lastUserMessage(ALICE)).contains(Instant.ofEpochMilli(6_000));
            deployment.deliver("shop", adReferral("100", "alice", "ad", "r", 7_000), read("100", "alice", 1, 8_000));
            assertThat(deployment.store().lastUserMessage(ALICE)).contains(Instant.ofEpochMilli(7_000));
        }
    }

    @Test
    void aConversationCannotBeUsedAfterItsCallback() {
        AtomicReference<Conversation> kept = new AtomicReference<>();
        CallRecordingApp app = new CallRecordingApp() {
            @Override
            public void onMessage(MessageEvent event, Conversation conversation) {
                conversation.state().put("step", "1");
                conversation.reply("hello");
                kept.set(conversation);
            }
        };
        try (TestingDeployment deployment = TestingDeployment.builder().app(SHOP, app).build()) {
            deployment.deliver("shop", message("100", "alice", "m1", "hi", 1));
            assertThat(deployment.outbound("shop").sentTexts()).containsExactly("hello");
            assertThat(deployment.store().state("shop", ALICE, "step")).contains("1");
            assertThat(kept.get().appId()).isEqualTo("111");
            assertThatThrownBy(() -> kept.get().reply("late")).isInstanceOf(IllegalStateException.class);
            assertThat(deployment.outbound("shop").sentTexts()).containsExactly("hello");
        }
    }

    @Test
    void idleConversationsLeaveNoLaneBehind() {
        try (TestingDeployment deployment = TestingDeployment.builder().app(SHOP, new CallRecordingApp()).build()) {
            for (int i = 0; i < 50; i++) {
                deployment.deliver("shop", message("100", "user" + i, "m" + i, "hi", i + 1));
            }
            // A lane retires itself just after its last task returns: poll briefly for that.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (deployment.registry().get("baton.dispatch.lanes.active").gauge().value() > 0
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(deployment.registry().get("baton.dispatch.lanes.active").gauge().value()).isZero();
            assertThat(deployment.registry().get("baton.dispatch.queue.depth").gauge().value()).isZero();
            assertThat(deployment.registry().counter("baton.dispatch.events", "app", "shop", "kind", "message",
                    "channel", "messaging").count()).isEqualTo(50.0);
        }
    }

    @Test
    void enqueueRefusesAnAdmissionUsedTwiceOrForAnotherSize() {
        try (TestingDeployment deployment = TestingDeployment.builder().app(SHOP, new CallRecordingApp()).build()) {
            Dispatcher dispatcher = deployment.dispatcher();
            Admission admission = dispatcher.admit(1);
            List<WebhookEvent> one = List.of(message("100", "alice", "m1", "hi", 1));
            assertThatThrownBy(() -> dispatcher.enqueue("shop", dev.baton.testing.TestEvents.batch(
                    dev.baton.event.Platform.MESSENGER, List.of(one.get(0), one.get(0))), 1, admission))
                    .isInstanceOf(IllegalArgumentException.class);
            dispatcher.enqueue("shop", dev.baton.testing.TestEvents.batch(one.get(0)), 1, admission);
            assertThatThrownBy(() -> dispatcher.enqueue("shop", dev.baton.testing.TestEvents.batch(one.get(0)), 1,
                    admission)).isInstanceOf(IllegalArgumentException.class);
            deployment.awaitIdle();
        }
    }
}
