package dev.baton.benchmarks.reliability;

import dev.baton.dispatch.DispatchTarget;
import dev.baton.dispatch.Dispatcher;
import dev.baton.ingest.IngestApp;
import dev.baton.server.WebhookAnswer;
import dev.baton.ingest.WebhookIngest;
import dev.baton.reliability.DurableTestServer;
import dev.baton.spi.AppRole;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;
import dev.baton.store.sqlite.SqliteStores;
import dev.baton.testing.RecordingOutbound;
import dev.baton.webhook.WebhookSignature;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Feeds only the batches the fuzzed server journaled, in their journal order, to a fresh deployment of the
 * same no-op app (no HTTP), and returns the file it wrote. If the fuzzed server's store equals this one, no
 * rejected request left anything in the store.
 */
final class ReferenceReplay {

    private ReferenceReplay() {}

    static Path replay(List<byte[]> bodies, Path dir) throws Exception {
        Path file = dir.resolve("reference.db");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SqliteStores stores = SqliteStores.open(file, SqliteStores.Settings.defaults(), registry,
                Clock.systemUTC())) {
            Dispatcher dispatcher = Dispatcher.builder()
                    .target(new DispatchTarget(new HostedApp(DurableTestServer.APP, "111", AppRole.CUSTOM),
                            new ConversationApp() {}, new RecordingOutbound()))
                    .journal(stores.journal()).store(stores.store()).registry(registry).build();
            dispatcher.start();
            WebhookIngest ingest = new WebhookIngest(List.of(new IngestApp(DurableTestServer.APP,
                    DurableTestServer.SECRET, DurableTestServer.VERIFY_TOKEN)), dispatcher,
                    Clock.systemUTC(), registry, 5);
            for (byte[] body : bodies) {
                String header = WebhookSignature.sha256Header(body, DurableTestServer.SECRET);
                WebhookAnswer result = ingest.receive(DurableTestServer.APP, header, body);
                while (result.status() == 503) { // the dispatcher's queue is full: let it catch up, as Meta would
                    dispatcher.awaitIdle(Duration.ofSeconds(10));
                    result = ingest.receive(DurableTestServer.APP, header, body);
                }
                if (result.status() != 200) {
                    throw new IllegalStateException("a journaled batch was refused on replay: " + result.status());
                }
            }
            if (!dispatcher.drain(Duration.ofMinutes(2))) {
                throw new IllegalStateException("the reference deployment did not finish in two minutes");
            }
            dispatcher.close();
        }
        return file;
    }
}
