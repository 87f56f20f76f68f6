package dev.baton.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dispatch.DispatchTarget;
import dev.baton.dispatch.Dispatcher;
import dev.baton.ingest.IngestApp;
import dev.baton.server.WebhookAnswer;
import dev.baton.ingest.WebhookIngest;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded mutator straight against the transport-free ingest with the durable journal: no input may
 * escape as an exception or a 5xx (other than 503), every refused request leaves the journal untouched, and
 * every accepted batch is fully handled (the journal's event count agrees with the parser's).
 */
class IngestFuzzTest {

    static final String SECRET = "fuzz-app-secret-3f9a";
    private static final long SEED = 0x5EED_BA70L;
    private static final int CASES = 3_000;

    @TempDir
    Path dir;

    @Test
    void noMutatedWebhookCrashesIngestOrLeavesATrace() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SqliteStores stores = SqliteStores.open(dir.resolve("baton.db"), SqliteStores.Settings.defaults(),
                registry, Clock.systemUTC())) {
            Dispatcher dispatcher = Dispatcher.builder()
                    .target(new DispatchTarget(new HostedApp("fuzz", "111", AppRole.CUSTOM), new ConversationApp() {},
                            new RecordingOutbound()))
                    .journal(stores.journal()).store(stores.store()).registry(registry).build();
            dispatcher.start();
            WebhookIngest ingest = new WebhookIngest(List.of(new IngestApp("fuzz", SECRET, "verify")), dispatcher, Clock.systemUTC(), registry, 5);

            PayloadMutator mutator = new PayloadMutator(SEED, Corpus.load());
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                FuzzCase fuzz = mutator.next();
                try {
                    WebhookAnswer result = ingest.receive("fuzz", header(fuzz), fuzz.body());
                    statuses.merge(result.status(), 1, Integer::sum);
                    if (!Set.of(200, 400, 401, 403, 503).contains(result.status())) {
                        failures.add(fuzz + " answered " + result.status());
                    }
                    if (result.message().contains(SECRET)) {
                        failures.add(fuzz + " answered with the secret");
                    }
                } catch (Throwable e) {
                    failures.add(fuzz + " threw " + e);
                }
            }
            assertThat(failures).isEmpty();
            assertThat(statuses).containsKeys(200, 400, 401, 403);
            // A generous bound, not a timing assertion: every accepted event waits for a synced claim, and a
            // loaded machine's disk can take tens of milliseconds per sync.
            assertThat(dispatcher.drain(Duration.ofMinutes(3))).isTrue();

            double stored = registry.get("baton.journal.appends").tag("result", "stored").counter().count();
            assertThat(stored).as("batches journaled = requests accepted").isEqualTo(statuses.get(200).doubleValue());
            stores.journal().prune(java.time.Instant.EPOCH); // a commit after every queued markDone
            assertThat(stores.journal().pending()).as("every accepted batch fully handled").isEmpty();
            dispatcher.close();
        }
    }

    /** The {@code X-Hub-Signature-256} value as a transport would hand it over (repeated headers joined). */
    static String header(FuzzCase fuzz) {
        return fuzz.signatureHeader(SECRET);
    }
}
