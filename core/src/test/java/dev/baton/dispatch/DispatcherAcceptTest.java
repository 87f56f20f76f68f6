package dev.baton.dispatch;

import static dev.baton.testing.TestEvents.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.DispatchSettings;
import dev.baton.event.MessageEvent;
import dev.baton.event.WebhookBatch;
import dev.baton.spi.AppRole;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;
import dev.baton.spi.JournaledBatch;
import dev.baton.store.memory.InMemoryConversationStore;
import dev.baton.store.memory.InMemoryEventJournal;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Dispatcher#accept}: the ingest's one call per batch (room, journal append, queueing). */
class DispatcherAcceptTest {

    private static final HostedApp SHOP = new HostedApp("shop", "111", AppRole.DEFAULT);
    private static final byte[] BODY = "{\"raw\":true}".getBytes(StandardCharsets.UTF_8);

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean block;
    private final ConversationApp app = new ConversationApp() {
        @Override
        public void onMessage(MessageEvent event, Conversation conversation) {
            if (block) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            handled.add(event.message().mid());
        }
    };
    private final InMemoryEventJournal journal = new InMemoryEventJournal();
    private Dispatcher dispatcher;

    private Dispatcher dispatcher(int maxQueued) {
        return dispatcher(maxQueued, Duration.ZERO);
    }

    private Dispatcher dispatcher(int maxQueued, Duration admissionWait) {
        dispatcher = Dispatcher.builder().target(new DispatchTarget(SHOP, app, new RecordingOutbound()))
                .journal(journal).store(new InMemoryConversationStore()).registry(registry)
                .settings(DispatchSettings.DEFAULTS.withWorkers(1).withMaxQueuedEvents(maxQueued)
                        .withAdmissionWait(admissionWait)).build();
        return dispatcher;
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        release.countDown();
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    private static WebhookBatch batch(String... mids) {
        return TestEvents.batch(java.util.Arrays.stream(mids)
                .map(mid -> message("100", "alice", mid, "hi", 1)).toArray(dev.baton.event.WebhookEvent[]::new));
    }

    @Test
    void anAcceptedBatchIsJournaledWithItsRawBytesThenHandledInOrder() {
        Dispatcher dispatcher = dispatcher(100);
        dispatcher.start();
        block = true;
        CompletableFuture<Acceptance> accepted = dispatcher.accept("shop", batch("m1", "m2"), BODY, Instant.EPOCH);
        assertThat(accepted.join()).isEqualTo(Acceptance.ACCEPTED);
        assertThat(accepted).as("the heap journal answers at once: a shared, completed future").isDone()
                .isSameAs(dispatcher.accept("shop", batch("m3"), BODY, Instant.EPOCH));
        assertThat(journal.pending()).first().satisfies(kept -> {
            assertThat(kept.body()).isEqualTo(BODY);
            assertThat(kept.appName()).isEqualTo("shop");
        });
        block = false;
        release.countDown();
        assertThat(dispatcher.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(handled).containsExactly("m1", "m2", "m3");
        assertThat(journal.pending()).as("every event marked done").isEmpty();
    }

    @Test
    void withoutRoomNothingIsJournaled() {
        Dispatcher dispatcher = dispatcher(2);
        assertThat(dispatcher.accept("shop", batch("m1"), BODY, Instant.EPOCH).join())
                .as("not started").isEqualTo(Acceptance.NOT_ACCEPTING);
        dispatcher.start();
        block = true;
        assertThat(dispatcher.accept("shop", batch("m1", "m2"), BODY, Instant.EPOCH).join()).isEqualTo(Acceptance.ACCEPTED);
        assertThat(dispatcher.accept("shop", batch("m3"), BODY, Instant.EPOCH).join()).isEqualTo(Acceptance.FULL);
        assertThat(journal.appendedCount()).isEqualTo(1);
    }

    @Test
    void aBurstWaitsInLineForRoomAndIsAcceptedInArrivalOrder() {
        Dispatcher dispatcher = dispatcher(2, Duration.ofSeconds(60));
        dispatcher.start();
        block = true;
        assertThat(dispatcher.accept("shop", batch("m1", "m2"), BODY, Instant.EPOCH).join()).isEqualTo(Acceptance.ACCEPTED);
        CompletableFuture<Acceptance> second = dispatcher.accept("shop", batch("m3"), BODY, Instant.EPOCH);
        CompletableFuture<Acceptance> third = dispatcher.accept("shop", batch("m4", "m5"), BODY, Instant.EPOCH);
        assertThat(second).as("no room: it waits instead of a 503").isNotDone();
        assertThat(third).isNotDone();
        assertThat(journal.appendedCount()).as("nothing journaled while waiting").isEqualTo(1);
        assertThat(registry.get("baton.dispatch.admission.waiting").gauge().value()).isEqualTo(2.0);

        block = false;
        release.countDown();
        assertThat(second.join()).isEqualTo(Acceptance.ACCEPTED);
        assertThat(third.join()).isEqualTo(Acceptance.ACCEPTED);
        assertThat(dispatcher.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(handled).as("journaled, and so handled, in arrival order").containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(registry.get("baton.dispatch.admission.timeouts").counter().count()).isZero();
    }

    @Test
    void aBatchThatWaitsTooLongIsRefusedAndKeepsNothing() {
        Dispatcher dispatcher = dispatcher(1, Duration.ofMillis(50));
        dispatcher.start();
        block = true;
        assertThat(dispatcher.accept("shop", batch("m1"), BODY, Instant.EPOCH).join()).isEqualTo(Acceptance.ACCEPTED);
        assertThat(dispatcher.accept("shop", batch("m2"), BODY, Instant.EPOCH).join()).isEqualTo(Acceptance.FULL);
        assertThat(journal.appendedCount()).isEqualTo(1);
        assertThat(registry.get("baton.dispatch.admission.timeouts").counter().count()).isEqualTo(1.0);
        block = false;
        release.countDown();
        assertThat(dispatcher.awaitIdle(Duration.ofSeconds(30))).isTrue();
        // The depth reaches zero just before the last permit is given back: look again for a moment.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean admitted = dispatcher.admit(1).accepted();
        while (!admitted && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            admitted = dispatcher.admit(1).accepted();
        }
        assertThat(admitted).as("the timed-out waiter left the line").isTrue();
        assertThat(handled).containsExactly("m1");
    }

    @Test
    void aJournalThatRefusesQueuesNothingAndGivesTheRoomBack() {
        Dispatcher dispatcher = dispatcher(2);
        dispatcher.start();
        journal.close();
        assertThat(dispatcher.accept("shop", batch("m1", "m2"), BODY, Instant.EPOCH).join())
                .isEqualTo(Acceptance.JOURNAL_UNAVAILABLE);
        assertThat(dispatcher.queuedEvents()).isZero();
        assertThat(dispatcher.admit(2).accepted()).as("the room came back").isTrue();
        assertThat(handled).isEmpty();
    }

    @Test
    void aSlowJournalAnswersWhenItHasTheBatch() {
        CompletableFuture<Long> durable = new CompletableFuture<>();
        dispatcher = Dispatcher.builder().target(new DispatchTarget(SHOP, app, new RecordingOutbound()))
                .journal(new HeldJournal(durable)).store(new InMemoryConversationStore())
                .registry(new SimpleMeterRegistry()).build();
        dispatcher.start();
        CompletableFuture<Acceptance> accepted = dispatcher.accept("shop", batch("m1"), BODY, Instant.EPOCH);
        assertThat(accepted).isNotDone();
        assertThat(handled).isEmpty();
        durable.complete(7L);
        assertThat(accepted.join()).isEqualTo(Acceptance.ACCEPTED);
        assertThat(dispatcher.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(handled).containsExactly("m1");
    }

    @Test
    void anUnknownAppIsRefusedBeforeAnythingIsKept() {
        Dispatcher dispatcher = dispatcher(10);
        dispatcher.start();
        assertThatThrownBy(() -> dispatcher.accept("nope", batch("m1"), BODY, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(journal.appendedCount()).isZero();
        assertThat(dispatcher.queuedEvents()).isZero();
    }

    /** A journal whose append completes when the test says so. */
    private static final class HeldJournal implements dev.baton.spi.EventJournal {
        private final CompletableFuture<Long> durable;

        HeldJournal(CompletableFuture<Long> durable) {
            this.durable = durable;
        }

        @Override
        public CompletableFuture<Long> append(String appName, byte[] body, Instant receivedAt) {
            return durable;
        }

        @Override
        public void markDone(long batchId, int eventIndex) {}

        @Override
        public List<JournaledBatch> pending() {
            return List.of();
        }

        @Override
        public int prune(Instant cutoff) {
            return 0;
        }

        @Override
        public void close() {}
    }
}
