package dev.baton.benchmarks.dispatch;

import dev.baton.config.DispatchSettings;
import dev.baton.dispatch.DispatchTarget;
import dev.baton.dispatch.Dispatcher;
import dev.baton.event.MessageEvent;
import dev.baton.event.Platform;
import dev.baton.event.WebhookEvent;
import dev.baton.ingest.IngestApp;
import dev.baton.server.WebhookAnswer;
import dev.baton.ingest.WebhookIngest;
import dev.baton.spi.AppRole;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;
import dev.baton.store.memory.InMemoryConversationStore;
import dev.baton.store.memory.InMemoryEventJournal;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestEvents;
import dev.baton.webhook.WebhookSignature;
import dev.baton.webhook.WebhookWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A signed webhook batch (1 or 10 message events, Meta's shape, ~400 bytes per event) through
 * {@link WebhookIngest}: HMAC-SHA256 check, parse, in-memory journal, admission, per-conversation lanes,
 * dedupe, a no-op app, markDone.
 *
 * <ul>
 *   <li>{@code ingest}: the request thread's share (verify + parse + journal + enqueue), in batches per
 *       second, with the dispatcher working behind it; a 503 (queue full) is retried, so the figure is the
 *       sustained rate the whole path keeps up with.
 *   <li>{@code endToEnd}: one batch from bytes to every event handled, in µs per batch (includes the hand-off
 *       to a worker thread and back).
 * </ul>
 *
 * Every batch has fresh mids (bodies are made and signed in setup and cycled, with a dedupe capacity smaller
 * than the cycle), so every event really reaches the app instead of being dropped as a duplicate.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar VerifyParseDispatch -f 1 -wi 2 -i 3 -w 2s -r 3s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerifyParseDispatchBenchmark {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final int BODIES = 16_384;

    @Param({"1", "10"})
    public int eventsPerBatch;

    private final List<byte[]> bodies = new ArrayList<>();
    private final List<String> signatures = new ArrayList<>();
    private Dispatcher dispatcher;
    private WebhookIngest ingest;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        WebhookWriter writer = new WebhookWriter();
        for (int b = 0; b < BODIES; b++) {
            List<WebhookEvent> events = new ArrayList<>();
            for (int e = 0; e < eventsPerBatch; e++) {
                int user = (b * eventsPerBatch + e) % 5_000;
                MessageEvent message = TestEvents.message("1234567890", "2468135791357" + user,
                        "m_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_" + b + "_" + e,
                        "Hello, is this still available? I would like to pick it up tomorrow.", 1_700_000_000_000L + b);
                events.add(message);
            }
            byte[] body = writer.write(TestEvents.batch(Platform.MESSENGER, events));
            bodies.add(body);
            signatures.add(WebhookSignature.sha256Header(body, SECRET));
        }
        HostedApp app = new HostedApp("shop", "111", AppRole.DEFAULT);
        InMemoryEventJournal journal = new InMemoryEventJournal();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        dispatcher = Dispatcher.builder()
                .target(new DispatchTarget(app, new ConversationApp() { }, new RecordingOutbound()))
                .journal(journal).store(new InMemoryConversationStore(1_000)).registry(registry)
                .settings(DispatchSettings.DEFAULTS.withWorkers(2).withMaxQueuedEvents(10_000)).build();
        ingest = new WebhookIngest(List.of(new IngestApp("shop", SECRET, "verify")), dispatcher,
                Clock.systemUTC(), registry, 1);
        dispatcher.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dispatcher.drain(Duration.ofSeconds(30));
        dispatcher.close();
    }

    private int nextIndex() {
        int index = next;
        next = (index + 1) % BODIES;
        return index;
    }

    @Benchmark
    public void ingest(Blackhole blackhole) {
        int index = nextIndex();
        WebhookAnswer result;
        do {
            result = ingest.receive("shop", signatures.get(index), bodies.get(index));
            if (result.status() == 503) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000); // let the workers catch up
            }
        } while (result.status() == 503);
        blackhole.consume(result);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void endToEnd(Blackhole blackhole) {
        int index = nextIndex();
        blackhole.consume(ingest.receive("shop", signatures.get(index), bodies.get(index)));
        dispatcher.awaitIdle(Duration.ofSeconds(10));
    }
}
