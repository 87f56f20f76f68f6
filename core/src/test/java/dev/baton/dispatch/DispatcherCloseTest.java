package dev.baton.dispatch;

import static dev.baton.testing.TestEvents.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.DispatchSettings;
import dev.baton.event.MessageEvent;
import dev.baton.event.WebhookBatch;
import dev.baton.spi.AppRole;
import dev.baton.spi.Conversation;
import dev.baton.spi.HostedApp;
import dev.baton.spi.JournaledBatch;
import dev.baton.store.memory.InMemoryConversationStore;
import dev.baton.store.memory.InMemoryEventJournal;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestEvents;
import dev.baton.webhook.WebhookWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DispatcherCloseTest {

    private static final HostedApp SHOP = new HostedApp("shop", "111", AppRole.DEFAULT);

    @Test
    void eventsForAnotherPageAreDroppedAndCounted() {
        InMemoryEventJournal journal = new InMemoryEventJournal();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CallRecordingApp app = new CallRecordingApp();
        Dispatcher dispatcher = Dispatcher.builder().target(new DispatchTarget(SHOP, app, new RecordingOutbound()))
                .journal(journal).store(new InMemoryConversationStore()).registry(registry).pageId("100").build();
        try {
            dispatcher.start();
            WebhookBatch batch = TestEvents.batch(message("100", "alice", "m1", "a", 1),
                    message("200", "alice", "m2", "b", 2), message("100", "alice", "m3", "c", 3));
            long id = journal.append("shop", new byte[0], Instant.EPOCH, 3).join();
            dispatcher.enqueue("shop", batch, id, dispatcher.admit(3));
            assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(app.calls).containsExactly("message:m1", "message:m3");
            assertThat(registry.counter("baton.dispatch.other.page.events", "app", "shop").count()).isEqualTo(1.0);
            assertThat(journal.pending()).isEmpty(); // dropped events are done, not replayed
        } finally {
            dispatcher.close();
        }
    }

    @Test
    void eventsNotHandledAtCloseStayInTheJournalAndRunAtTheNextStart() throws Exception {
        InMemoryEventJournal journal = new InMemoryEventJournal();
        InMemoryConversationStore store = new InMemoryConversationStore();
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        CallRecordingApp stuck = new CallRecordingApp() {
            @Override
            public void onMessage(MessageEvent event, Conversation conversation) {
                super.onMessage(event, conversation);
                inHandler.countDown();
                try {
                    never.await(10, TimeUnit.SECONDS); // interrupted by close()
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Dispatcher first = Dispatcher.builder().target(new DispatchTarget(SHOP, stuck, new RecordingOutbound()))
                .journal(journal).store(store).registry(new SimpleMeterRegistry())
                .settings(DispatchSettings.DEFAULTS.withWorkers(1)).build();
        first.start();
        WebhookBatch batch = TestEvents.batch(message("100", "alice", "m1", "a", 1),
                message("100", "alice", "m2", "b", 2), message("100", "alice", "m3", "c", 3));
        long id = journal.append("shop", new WebhookWriter().write(batch), Instant.EPOCH, 3).join();
        first.enqueue("shop", batch, id, first.admit(3));
        assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.drain(Duration.ofMillis(50))).isFalse(); // m1 is stuck: the drain times out
        first.close();

        assertThat(stuck.calls).containsExactly("message:m1");
        assertThat(journal.pending()).singleElement().extracting(JournaledBatch::doneEvents)
                .satisfies(done -> assertThat(done).doesNotContain(1, 2));

        CallRecordingApp fresh = new CallRecordingApp();
        Dispatcher second = Dispatcher.builder().target(new DispatchTarget(SHOP, fresh, new RecordingOutbound()))
                .journal(journal).store(store).registry(new SimpleMeterRegistry()).build();
        try {
            second.start();
            assertThat(second.awaitIdle(Duration.ofSeconds(10))).isTrue();
            // m1 reached the app once already (its dedupe key was kept), so only m2 and m3 run now.
            assertThat(fresh.calls).containsExactly("message:m2", "message:m3");
            assertThat(journal.pending()).isEmpty();
        } finally {
            second.close();
        }
    }
}
