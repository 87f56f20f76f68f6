package dev.baton.graph;

import static dev.baton.graph.GraphFixture.ALICE;
import static dev.baton.graph.GraphFixture.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.GraphSettings;
import dev.baton.event.ConversationKey;
import dev.baton.graph.FakeGraphServer.Answer;
import dev.baton.graph.error.GraphException;
import dev.baton.graph.error.RateLimitQueueFullException;
import dev.baton.graph.error.SendTimedOutException;
import dev.baton.send.SendRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Timeouts, ordering under retry, and the rate limiter, against the loopback fake. */
class GraphClientFlowTest {

    private FakeGraphServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        server = new FakeGraphServer();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        server.close();
    }

    private GraphFixture fixture(int maxRetries, int textRate, int maxWaiting, Duration requestTimeout) {
        return fixture(maxRetries, textRate, maxWaiting, requestTimeout, GraphTuning.DEFAULTS.rateSlack());
    }

    private GraphFixture fixture(int maxRetries, int textRate, int maxWaiting, Duration requestTimeout,
            Duration rateSlack) {
        GraphSettings base = GraphFixture.settings("handover-protocol", maxRetries, textRate, maxWaiting);
        return new GraphFixture(server, new GraphSettings(base.baseUrl(), base.version(), base.threadControl(),
                base.connectTimeout(), requestTimeout, textRate, base.mediaCallsPerSecond(), maxWaiting, maxRetries,
                base.windowPolicy()), new GraphTuning(Duration.ofMillis(5), Duration.ofMillis(20), rateSlack, null));
    }

    @Test
    void aTimedOutSendIsSurfacedAndNeverRetried() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.script("messages", Answer.ok("{\"recipient_id\":\"5001\",\"message_id\":\"late\"}").before(() -> {
            await(release);
            answered.countDown();
        }));
        GraphFixture fixture = fixture(3, 1000, 100, Duration.ofMillis(300));

        assertThatThrownBy(() -> fixture.marketing().send(ALICE, SendRequest.text("slow")))
                .isInstanceOf(SendTimedOutException.class)
                .hasMessageContaining("outcome is unknown")
                .satisfies(e -> assertThat(((GraphException) e).retryable()).isFalse());
        release.countDown();
        assertThat(answered.await(5, TimeUnit.SECONDS)).isTrue();
        fixture.marketing().send(ALICE, SendRequest.text("next")); // a later call still goes through
        assertThat(server.received("messages")).extracting(FakeGraphServer.Received::body)
                .hasSize(2).allSatisfy(body -> assertThat(body).doesNotContain("\"slow\"\"")).last().asString()
                .contains("next");
        assertThat(fixture.count("baton.graph.retries", "endpoint", "messages")).isZero();
        assertThat(fixture.timerCount("baton.graph.calls", "endpoint", "messages", "outcome", "timeout")).isEqualTo(1);
    }

    @Test
    void aTimedOutPassMakesTheOwnerUnknownSoTheNextLookupAsksMeta() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.script("pass_thread_control", Answer.ok("{\"success\":true}").before(() -> await(release)));
        GraphFixture fixture = fixture(3, 1000, 100, Duration.ofMillis(300));
        fixture.factory.ownershipTracker().recordOwnAction(ALICE, GraphFixture.MARKETING, GraphFixture.MARKETING);
        assertThat(fixture.factory.ownershipTracker().fromMemory(ALICE)).isPresent();

        // Meta may well have passed the thread to the Page Inbox, which would send no webhook to tell us.
        assertThatThrownBy(() -> fixture.marketing().passThreadControl(ALICE, "263902037430900", null))
                .isInstanceOf(SendTimedOutException.class);
        release.countDown();

        assertThat(fixture.factory.ownershipTracker().fromMemory(ALICE)).isEmpty();
        assertThat(fixture.store.ownership(ALICE).orElseThrow().ownerAppId()).isNull();
        assertThat(server.received("pass_thread_control")).hasSize(1);
    }

    @Test
    void aPassAnsweredWithoutMetasEnvelopeMakesTheOwnerUnknownButMetasOwnRefusalDoesNot() {
        GraphFixture fixture = fixture(3, 1000, 100, Duration.ofSeconds(5));
        fixture.factory.ownershipTracker().recordOwnAction(ALICE, GraphFixture.MARKETING, GraphFixture.MARKETING);
        server.script("pass_thread_control", Answer.error(400, 100, 2534037, "not the owner"));
        assertThatThrownBy(() -> fixture.marketing().passThreadControl(ALICE, "263902037430900", null))
                .isInstanceOf(GraphException.class);
        assertThat(fixture.factory.ownershipTracker().fromMemory(ALICE)).isPresent();

        server.script("pass_thread_control", new Answer(502, "<html>Bad Gateway</html>", null));
        assertThatThrownBy(() -> fixture.marketing().passThreadControl(ALICE, "263902037430900", null))
                .isInstanceOf(dev.baton.graph.error.OtherGraphException.class);
        assertThat(fixture.factory.ownershipTracker().fromMemory(ALICE)).isEmpty();
        assertThat(server.received("pass_thread_control")).hasSize(2); // neither was retried
    }

    @Test
    void sendsToOneConversationKeepTheirOrderWhenOneIsRetried() throws Exception {
        CountDownLatch firstAttemptArrived = new CountDownLatch(1);
        CountDownLatch secondCallerQueued = new CountDownLatch(1);
        server.script("messages", Answer.error(400, 613, 0, "rate limit").before(() -> {
            firstAttemptArrived.countDown();
            await(secondCallerQueued);
        }));
        GraphFixture fixture = fixture(3, 1000, 100, Duration.ofSeconds(5));
        Future<?> first = threads.submit(() -> fixture.marketing().send(ALICE, SendRequest.text("m1")));
        assertThat(firstAttemptArrived.await(5, TimeUnit.SECONDS)).isTrue();
        Future<?> second = threads.submit(() -> fixture.marketing().send(ALICE, SendRequest.text("m2")));
        Future<?> other = threads.submit(() -> fixture.defaultApp().send(BOB, SendRequest.text("b1")));
        other.get(5, TimeUnit.SECONDS); // another conversation is not held up
        waitUntil(() -> fixture.factory.page().lanes().waiting(ALICE) == 1);
        secondCallerQueued.countDown();
        first.get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);

        List<String> aliceTexts = server.received("messages").stream().map(FakeGraphServer.Received::body)
                .filter(body -> body.contains("\"5001\"")).map(body -> body.replaceAll(".*\"text\":\"([^\"]*)\".*", "$1"))
                .toList();
        assertThat(aliceTexts).containsExactly("m1", "m1", "m2");
        assertThat(fixture.factory.page().lanes().busy()).isZero();
    }

    @Test
    void theRateLimiterKeepsUnderAnEnforcedLimitWithout613() throws Exception {
        int rate = 25;
        // The fake's sliding window is the strictest reading of "25 per second": bursts at cycle starts, or a
        // limiter counting from when calls start rather than end, fail this on a loaded machine.
        GraphFixture fixture = fixture(0, rate, 1000, Duration.ofSeconds(10));
        List<Future<?>> warmUp = new ArrayList<>();
        for (int i = 0; i < 8; i++) { // open the connections before the fake starts counting
            warmUp.add(threads.submit(() -> fixture.marketing().send(BOB, SendRequest.text("warm"))));
        }
        for (Future<?> send : warmUp) {
            send.get(20, TimeUnit.SECONDS);
        }
        server.enforceRate(rate);
        List<Future<?>> sends = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ConversationKey key = new ConversationKey(GraphFixture.PAGE, Integer.toString(7000 + i));
            fixture.store.putLastUserMessage(key, fixture.clock.instant());
            sends.add(threads.submit(() -> fixture.marketing().send(key, SendRequest.text("hi"))));
        }
        for (Future<?> send : sends) {
            send.get(20, TimeUnit.SECONDS); // maxRetries 0: a 613 would fail the send
        }
        assertThat(server.rejectedForRate()).isZero();
        assertThat(server.received("messages")).hasSize(68);
        assertThat(fixture.timerCount("baton.graph.ratelimiter.wait", "kind", "text")).isEqualTo(68);
    }

    @Test
    void pacingFromCallStartWithAGenerousSlackAlsoStaysUnderTheLimit() throws Exception {
        int rate = 10;
        GraphSettings base = GraphFixture.settings("handover-protocol", 0, rate, 100);
        GraphFixture fixture = new GraphFixture(server, base,
                GraphTuning.DEFAULTS.withRetryDelays(Duration.ofMillis(5), Duration.ofMillis(20))
                        .withPacingFromCallStart(Duration.ofMillis(250)));
        // Open the connections first: a cold first request can take longer than the slack to arrive, which is
        // exactly the jitter this mode does not guard against.
        List<Future<?>> warmUp = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            warmUp.add(threads.submit(() -> fixture.marketing().send(BOB, SendRequest.text("warm"))));
        }
        for (Future<?> send : warmUp) {
            send.get(20, TimeUnit.SECONDS);
        }
        server.enforceRate(rate);
        List<Future<?>> sends = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            ConversationKey key = new ConversationKey(GraphFixture.PAGE, Integer.toString(8000 + i));
            sends.add(threads.submit(() -> fixture.marketing().send(key, SendRequest.text("hi"))));
        }
        for (Future<?> send : sends) {
            send.get(20, TimeUnit.SECONDS);
        }
        assertThat(server.rejectedForRate()).isZero();
    }

    @Test
    void aFullWaitingQueueFailsFastWithoutCallingMeta() throws Exception {
        GraphFixture fixture = fixture(0, 1, 1, Duration.ofSeconds(10));
        fixture.marketing().send(ALICE, SendRequest.text("takes the only permit of this second"));
        Future<?> waiting = threads.submit(() -> fixture.marketing().send(BOB, SendRequest.text("waits")));
        waitUntil(() -> fixture.factory.page().rateLimiter().waitingCallers(false) == 1);

        ConversationKey carol = new ConversationKey(GraphFixture.PAGE, "5003");
        assertThatThrownBy(() -> fixture.marketing().send(carol, SendRequest.text("no room")))
                .isInstanceOf(RateLimitQueueFullException.class).hasMessageContaining("nothing was sent");
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(server.received("messages")).hasSize(2);
        assertThat(fixture.count("baton.graph.ratelimiter.rejected", "kind", "text")).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
