package dev.baton.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.WebhookAnswer;
import dev.baton.config.DispatchSettings;
import dev.baton.dispatch.DispatchTarget;
import dev.baton.dispatch.Dispatcher;
import dev.baton.event.MessageEvent;
import dev.baton.event.Platform;
import dev.baton.spi.AppRole;
import dev.baton.spi.Conversation;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Many request threads against a tiny queue: 503s come and go, nothing is lost, the bound holds. */
class IngestBackPressureTest {

    private static final int THREADS = 4;
    private static final int BATCHES_PER_THREAD = 150;
    private static final int MAX_QUEUED = 8;

    @Test
    void concurrentIngestUnderBackPressureLosesNothingAndNeverExceedsTheBound() throws Exception {
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        AtomicInteger maxQueued = new AtomicInteger();
        Dispatcher[] holder = new Dispatcher[1];
        ConversationApp app = new ConversationApp() {
            @Override
            public void onMessage(MessageEvent event, Conversation conversation) {
                maxQueued.accumulateAndGet(holder[0].queuedEvents(), Math::max);
                handled.computeIfAbsent(event.message().mid(), mid -> new AtomicInteger()).incrementAndGet();
            }
        };
        InMemoryEventJournal journal = new InMemoryEventJournal();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Dispatcher dispatcher = Dispatcher.builder()
                .target(new DispatchTarget(new HostedApp("shop", "111", AppRole.DEFAULT), app, new RecordingOutbound()))
                .journal(journal).store(new InMemoryConversationStore()).registry(registry)
                .settings(DispatchSettings.DEFAULTS.withWorkers(2).withMaxQueuedEvents(MAX_QUEUED)).build();
        holder[0] = dispatcher;
        WebhookIngest ingest = new WebhookIngest(List.of(new IngestApp("shop", "s3cret", "v")), dispatcher,
                Clock.systemUTC(), registry, 1);
        dispatcher.start();
        AtomicInteger refusals = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(senders.submit(() -> {
                    WebhookWriter writer = new WebhookWriter();
                    for (int b = 0; b < BATCHES_PER_THREAD; b++) {
                        String prefix = "t" + thread + "b" + b;
                        byte[] body = writer.write(TestEvents.batch(Platform.MESSENGER, List.of(
                                TestEvents.message("100", "user" + (b % 7), prefix + "-1", "x", b + 1L),
                                TestEvents.message("100", "user" + (b % 5), prefix + "-2", "y", b + 1L))));
                        String signature = WebhookSignature.sha256Header(body, "s3cret");
                        while (true) {
                            WebhookAnswer result = ingest.receive("shop", signature, body);
                            if (result.status() == 200) {
                                break;
                            }
                            assertThat(result.status()).isEqualTo(503);
                            refusals.incrementAndGet();
                            LockSupport.parkNanos(50_000);
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            assertThat(dispatcher.drain(Duration.ofSeconds(30))).isTrue();
        } finally {
            senders.shutdownNow();
            dispatcher.close();
        }
        assertThat(handled).hasSize(THREADS * BATCHES_PER_THREAD * 2);
        assertThat(handled.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(maxQueued.get()).isLessThanOrEqualTo(MAX_QUEUED);
        assertThat(journal.appendedCount()).isEqualTo(THREADS * BATCHES_PER_THREAD); // refused ones never stored
        assertThat(journal.size()).isZero();
        assertThat(registry.counter("baton.webhook.batches", "app", "shop", "outcome", "rejected",
                "reason", "dispatcher_full").count()).isEqualTo(refusals.get());
    }
}
