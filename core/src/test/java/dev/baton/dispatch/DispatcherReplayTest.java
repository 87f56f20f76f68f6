package dev.baton.dispatch;

import static dev.baton.testing.TestEvents.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.DispatchSettings;
import dev.baton.event.WebhookBatch;
import dev.baton.spi.AppRole;
import dev.baton.spi.HostedApp;
import dev.baton.store.memory.InMemoryConversationStore;
import dev.baton.store.memory.InMemoryEventJournal;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestEvents;
import dev.baton.webhook.WebhookWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DispatcherReplayTest {

    private static final HostedApp SHOP = new HostedApp("shop", "111", AppRole.DEFAULT);
    private final WebhookWriter writer = new WebhookWriter();

    private static Admission admitWithin(Dispatcher dispatcher, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Admission admission = dispatcher.admit(1);
        while (admission.status() == Admission.Status.FULL && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            admission = dispatcher.admit(1);
        }
        assertThat(admission.accepted()).as("admission after replay").isTrue();
        return admission;
    }

    private long journal(InMemoryEventJournal journal, String app, WebhookBatch batch) {
        return journal.append(app, writer.write(batch), Instant.EPOCH, batch.events().size()).join();
    }

    @Test
    void replaysEventsNotMarkedDoneInOrderBeforeNewTraffic() {
        InMemoryEventJournal journal = new InMemoryEventJournal();
        InMemoryConversationStore store = new InMemoryConversationStore();
        long first = journal(journal, "shop", TestEvents.batch(message("100", "alice", "m1", "a", 1),
                message("100", "alice", "m2", "b", 2), message("100", "bob", "m3", "c", 3)));
        journal.markDone(first, 0); // m1 was handled before the crash
        journal(journal, "shop", TestEvents.batch(message("100", "alice", "m4", "d", 4)));
        journal(journal, "retired-app", TestEvents.batch(message("100", "alice", "x1", "e", 5)));
        long garbled = journal.append("shop", "not json".getBytes(StandardCharsets.UTF_8), Instant.EPOCH, 1).join();

        CallRecordingApp app = new CallRecordingApp();
        Dispatcher dispatcher = Dispatcher.builder().target(new DispatchTarget(SHOP, app, new RecordingOutbound()))
                .journal(journal).store(store).registry(new SimpleMeterRegistry())
                .settings(DispatchSettings.DEFAULTS.withWorkers(2).withMaxQueuedEvents(2)).build();
        try {
            assertThat(dispatcher.isAccepting()).isFalse();
            dispatcher.start();
            assertThat(dispatcher.isAccepting()).isTrue();
            // Replayed events may still fill the whole (tiny) queue: that is back-pressure, so ask again.
            Admission admission = admitWithin(dispatcher, Duration.ofSeconds(10));
            long fresh = journal(journal, "shop", TestEvents.batch(message("100", "alice", "m5", "f", 6)));
            dispatcher.enqueue("shop", TestEvents.batch(message("100", "alice", "m5", "f", 6)), fresh, admission);
            assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();

            assertThat(app.calls.stream().filter(call -> !call.equals("message:m3")))
                    .containsExactly("message:m2", "message:m4", "message:m5");
            assertThat(app.calls).contains("message:m3");
            // Left for an operator: the retired app's batch and the one that does not parse.
            assertThat(journal.pending()).extracting(batch -> batch.appName() + ":" + batch.id())
                    .containsExactly("retired-app:3", "shop:" + garbled);
        } finally {
            dispatcher.close();
        }
    }

    @Test
    void aReplayedEventAlreadySeenByTheHandlerIsNotHandedAgain() {
        // A crash after the dedupe key was kept but before markDone: the key catches the replay.
        InMemoryEventJournal journal = new InMemoryEventJournal();
        InMemoryConversationStore store = new InMemoryConversationStore();
        store.firstSighting("shop", "message:m1");
        journal(journal, "shop", TestEvents.batch(message("100", "alice", "m1", "a", 1),
                message("100", "alice", "m2", "b", 2)));
        CallRecordingApp app = new CallRecordingApp();
        Dispatcher dispatcher = Dispatcher.builder().target(new DispatchTarget(SHOP, app, new RecordingOutbound()))
                .journal(journal).store(store).registry(new SimpleMeterRegistry()).build();
        try {
            dispatcher.start();
            assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(app.calls).containsExactly("message:m2");
            assertThat(journal.pending()).isEmpty();
        } finally {
            dispatcher.close();
        }
    }
}
