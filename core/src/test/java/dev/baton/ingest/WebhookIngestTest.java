package dev.baton.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.WebhookAnswer;
import dev.baton.config.DispatchSettings;
import dev.baton.dispatch.DispatchTarget;
import dev.baton.dispatch.Dispatcher;
import dev.baton.event.MessageEvent;
import dev.baton.event.Platform;
import dev.baton.server.WebhookAnswer.Reason;
import dev.baton.spi.AppRole;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.EventJournal;
import dev.baton.spi.HostedApp;
import dev.baton.spi.JournalUnavailableException;
import dev.baton.spi.JournaledBatch;
import dev.baton.store.memory.InMemoryConversationStore;
import dev.baton.store.memory.InMemoryEventJournal;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestEvents;
import dev.baton.webhook.WebhookSignature;
import dev.baton.webhook.WebhookWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookIngestTest {

    private static final String SECRET = "app-secret-123";
    private static final String VERIFY = "verify-token-xyz";
    private static final HostedApp SHOP = new HostedApp("shop", "111", AppRole.DEFAULT);

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean block;
    private final ConversationApp app = new ConversationApp() {
        @Override
        public void onMessage(MessageEvent event, Conversation conversation) {
            if (block) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            handled.add(event.message().mid());
        }
    };
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryEventJournal journal = new InMemoryEventJournal();
    private Dispatcher dispatcher;
    private WebhookIngest ingest;

    private void build(EventJournal journalToUse, int maxQueued) {
        dispatcher = Dispatcher.builder().target(new DispatchTarget(SHOP, app, new RecordingOutbound()))
                .journal(journalToUse).store(new InMemoryConversationStore()).registry(registry)
                .settings(DispatchSettings.DEFAULTS.withWorkers(1).withMaxQueuedEvents(maxQueued)).build();
        ingest = new WebhookIngest(List.of(new IngestApp("shop", SECRET, VERIFY)), dispatcher,
                Clock.systemUTC(), registry, 7);
    }

    private void start(int maxQueued) {
        build(journal, maxQueued);
        dispatcher.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    private static byte[] body(String... mids) {
        List<MessageEvent> events = Arrays.stream(mids)
                .map(mid -> TestEvents.message("100", "alice", mid, "héllo äöå", 1_000)).toList();
        return new WebhookWriter().write(TestEvents.batch(Platform.MESSENGER, events));
    }

    private static String sign(byte[] body) {
        return WebhookSignature.sha256Header(body, SECRET);
    }

    @Test
    void acceptsASignedBatchJournalsItAndHandlesEveryEvent() {
        start(100);
        byte[] body = body("m1", "m2");
        WebhookAnswer result = ingest.receive("shop", sign(body), body);
        assertThat(result).isEqualTo(WebhookAnswer.ok("EVENT_RECEIVED"));
        assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(handled).containsExactly("m1", "m2");
        assertThat(journal.appendedCount()).isEqualTo(1);
        assertThat(journal.size()).isZero();
        assertThat(registry.counter("baton.webhook.batches", "app", "shop", "outcome", "accepted", "reason", "ok")
                .count()).isEqualTo(1.0);
    }

    @Test
    void refusesBadRequestsWithTheRightStatusAndStoresNothing() {
        start(100);
        byte[] body = body("m1");
        String wrongSignature = WebhookSignature.sha256Header(body, "another-secret");
        assertRefused(ingest.receive("nope", sign(body), body), 404, Reason.UNKNOWN_APP);
        assertRefused(ingest.receive("shop", null, body), 401, Reason.MISSING_SIGNATURE);
        assertRefused(ingest.receive("shop", "", body), 401, Reason.MISSING_SIGNATURE);
        assertRefused(ingest.receive("shop", "sha1=abc", body), 403, Reason.MALFORMED_SIGNATURE);
        assertRefused(ingest.receive("shop", wrongSignature, body), 403, Reason.WRONG_SIGNATURE);
        byte[] tampered = body.clone();
        tampered[tampered.length - 3] ^= 1;
        assertRefused(ingest.receive("shop", sign(body), tampered), 403, Reason.WRONG_SIGNATURE);
        byte[] broken = "{\"object\":\"page\",\"entry\":[".getBytes(UTF_8);
        WebhookAnswer badJson = ingest.receive("shop", sign(broken), broken);
        assertRefused(badJson, 400, Reason.BAD_JSON);
        assertThat(badJson.message()).startsWith("invalid webhook body: ");

        assertThat(journal.appendedCount()).isZero();
        assertThat(handled).isEmpty();
        assertThat(dispatcher.queuedEvents()).isZero();
        assertThat(registry.counter("baton.webhook.batches", "app", "shop", "outcome", "rejected",
                "reason", "wrong_signature").count()).isEqualTo(2.0);
        assertThat(registry.counter("baton.webhook.batches", "app", "unknown", "outcome", "rejected",
                "reason", "unknown_app").count()).isEqualTo(1.0);
    }

    @Test
    void answersNeverHoldTheSecretTheExpectedSignatureOrTheBody() {
        start(100);
        byte[] body = body("m1");
        String expected = sign(body);
        for (WebhookAnswer result : List.of(ingest.receive("shop", "sha256=" + "0".repeat(64), body),
                ingest.receive("shop", "sha256=zz", body), ingest.receive("shop", null, body),
                ingest.verifySubscription("shop", "subscribe", "wrong", "123"))) {
            assertThat(result.message()).doesNotContain(SECRET).doesNotContain(expected.substring(7))
                    .doesNotContain(VERIFY).doesNotContain("héllo");
            assertThat(result.toString()).doesNotContain(SECRET);
        }
        assertThat(new IngestApp("shop", SECRET, VERIFY).toString()).doesNotContain(SECRET).doesNotContain(VERIFY);
    }

    @Test
    void aFullDispatcherAnswers503WithRetryAfterAndStoresNothing() {
        start(2);
        block = true;
        byte[] first = body("m1", "m2");
        assertThat(ingest.receive("shop", sign(first), first).status()).isEqualTo(200);
        byte[] second = body("m3");
        WebhookAnswer full = ingest.receive("shop", sign(second), second);
        assertThat(full.status()).isEqualTo(503);
        assertThat(full.reason()).isEqualTo(Reason.DISPATCHER_FULL);
        assertThat(full.retryAfterSeconds()).isEqualTo(7);
        assertThat(journal.appendedCount()).isEqualTo(1);

        block = false;
        release.countDown();
        assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(ingest.receive("shop", sign(second), second).status()).isEqualTo(200);
        assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(handled).containsExactly("m1", "m2", "m3");
    }

    @Test
    void anUnavailableJournalAnswers503AndGivesTheRoomBack() {
        start(1);
        journal.close();
        byte[] body = body("m1");
        WebhookAnswer result = ingest.receive("shop", sign(body), body);
        assertThat(result.status()).isEqualTo(503);
        assertThat(result.reason()).isEqualTo(Reason.JOURNAL_UNAVAILABLE);
        assertThat(result.retryAfterSeconds()).isEqualTo(7);
        assertThat(dispatcher.queuedEvents()).isZero();
        assertThat(dispatcher.admit(1).accepted()).isTrue(); // the room came back
    }

    @Test
    void receiveAsyncCompletesWhenTheJournalDoes() {
        CompletableFuture<Long> pendingAppend = new CompletableFuture<>();
        DelayedJournal delayed = new DelayedJournal(pendingAppend);
        build(delayed, 100);
        dispatcher.start();
        byte[] body = body("m1");
        CompletableFuture<WebhookAnswer> answer = ingest.receiveAsync("shop", sign(body), body);
        assertThat(answer).isNotDone();
        assertThat(dispatcher.queuedEvents()).isEqualTo(1); // admitted: a drain would wait for it
        pendingAppend.complete(77L);
        assertThat(answer.join().status()).isEqualTo(200);
        assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(handled).containsExactly("m1");
        assertThat(delayed.done).containsExactly("77:0");

        CompletableFuture<Long> failing = new CompletableFuture<>();
        delayed.next = failing;
        byte[] second = body("m2");
        CompletableFuture<WebhookAnswer> refused = ingest.receiveAsync("shop", sign(second), second);
        failing.completeExceptionally(new JournalUnavailableException("disk full", null));
        assertThat(refused.join().status()).isEqualTo(503);
        assertThat(dispatcher.queuedEvents()).isZero();
    }

    @Test
    void refusesWhileNotStartedOrDraining() {
        build(journal, 100);
        byte[] body = body("m1");
        assertThat(ingest.receive("shop", sign(body), body).reason()).isEqualTo(Reason.NOT_READY);
        dispatcher.start();
        assertThat(ingest.receive("shop", sign(body), body).status()).isEqualTo(200);
        assertThat(dispatcher.drain(Duration.ofSeconds(10))).isTrue();
        byte[] second = body("m2");
        WebhookAnswer draining = ingest.receive("shop", sign(second), second);
        assertThat(draining.status()).isEqualTo(503);
        assertThat(draining.reason()).isEqualTo(Reason.NOT_READY);
        assertThat(journal.appendedCount()).isEqualTo(1);
        assertThat(handled).containsExactly("m1");
    }

    @Test
    void answersTheSubscriptionCheck() {
        start(10);
        assertThat(ingest.verifySubscription("shop", "subscribe", VERIFY, "1158201444"))
                .isEqualTo(WebhookAnswer.ok("1158201444"));
        WebhookAnswer wrongToken = ingest.verifySubscription("shop", "subscribe", "nope", "1158201444");
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(wrongToken.message()).doesNotContain("1158201444");
        assertThat(ingest.verifySubscription("shop", "unsubscribe", VERIFY, "1").status()).isEqualTo(403);
        assertThat(ingest.verifySubscription("other", "subscribe", VERIFY, "1").status()).isEqualTo(404);
    }

    private static void assertRefused(WebhookAnswer result, int status, Reason reason) {
        assertThat(result.status()).as(reason.name()).isEqualTo(status);
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.retryAfterSeconds()).isZero();
    }

    /** A journal whose appends complete when the test says. */
    static final class DelayedJournal implements EventJournal {
        volatile CompletableFuture<Long> next;
        final List<String> done = new CopyOnWriteArrayList<>();

        DelayedJournal(CompletableFuture<Long> first) {
            this.next = first;
        }

        @Override
        public CompletableFuture<Long> append(String appName, byte[] body, Instant receivedAt) {
            return next;
        }

        @Override
        public void markDone(long batchId, int eventIndex) {
            done.add(batchId + ":" + eventIndex);
        }

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
