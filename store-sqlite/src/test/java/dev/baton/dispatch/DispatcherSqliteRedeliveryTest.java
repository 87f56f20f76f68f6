package dev.baton.dispatch;

import static dev.baton.testing.TestEvents.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.MessageEvent;
import dev.baton.event.WebhookBatch;
import dev.baton.spi.AppRole;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;
import dev.baton.store.sqlite.SqliteStores;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestEvents;
import dev.baton.webhook.WebhookWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash window on the real SQLite stores, across a close and reopen of the file: a run claims the first
 * message of a batch and stops before {@code markDone}; the next run hands it over again, flagged, then the
 * rest unflagged; a third run finds nothing to do.
 */
class DispatcherSqliteRedeliveryTest {

    private static final HostedApp SHOP = new HostedApp("shop", "111", AppRole.DEFAULT);

    @TempDir
    Path dir;

    private final List<String> seen = new CopyOnWriteArrayList<>();

    private final ConversationApp app = new ConversationApp() {
        @Override
        public void onMessage(MessageEvent event, Conversation conversation) {
            seen.add(event.message().mid() + ":" + conversation.redelivered());
        }
    };

    private SqliteStores open() {
        return SqliteStores.open(dir.resolve("baton.db"), SqliteStores.Settings.defaults(), new SimpleMeterRegistry(),
                Clock.systemUTC());
    }

    private void runOnce(SqliteStores stores) {
        Dispatcher dispatcher = Dispatcher.builder().target(new DispatchTarget(SHOP, app, new RecordingOutbound()))
                .journal(stores.journal()).store(stores.store()).registry(new SimpleMeterRegistry()).build();
        try {
            dispatcher.start();
            assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
        } finally {
            dispatcher.close();
        }
    }

    @Test
    void theInterruptedHandOverComesBackFlaggedAfterAReopen() {
        WebhookBatch batch = TestEvents.batch(message("100", "alice", "m1", "a", 1), message("100", "alice", "m2", "b", 2));
        long batchId;
        try (SqliteStores crashed = open()) {
            batchId = crashed.journal().append("shop", new WebhookWriter().write(batch), Instant.EPOCH, 2).join();
            // What the dying run got to: m1 claimed by its journal entry, handler maybe run, no markDone.
            crashed.store().claim("shop", "message:m1", Deduplicator.entry(batchId, 0));
        }
        try (SqliteStores restarted = open()) {
            assertThat(restarted.journal().pending()).hasSize(1);
            runOnce(restarted);
        } // closing commits the queued markDones
        assertThat(seen).containsExactly("m1:true", "m2:false");

        try (SqliteStores again = open()) {
            assertThat(again.journal().pending()).isEmpty();
            runOnce(again);
        }
        assertThat(seen).as("nothing left to hand over").hasSize(2);
    }
}
