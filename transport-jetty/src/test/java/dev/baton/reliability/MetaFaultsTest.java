package dev.baton.reliability;

import static dev.baton.reliability.FaultPage.CAMPAIGNS_ID;
import static dev.baton.reliability.FaultPage.CONCIERGE_ID;
import static dev.baton.reliability.FaultPage.MAX_RETRIES;
import static dev.baton.reliability.FaultPage.REQUEST_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.emulator.ActionResult;
import dev.baton.emulator.AdClick;
import dev.baton.emulator.DeliveryRecord;
import dev.baton.emulator.Faults;
import dev.baton.emulator.Faults.GraphFaultKind;
import dev.baton.emulator.PageRegistration;
import dev.baton.emulator.TranscriptLine;
import dev.baton.reliability.FaultRecord.Attempt;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults from Meta's side, end to end: the launcher's deployment (Jetty, SQLite journal and store, the real
 * Graph client) hosting two recording apps against the emulator on loopback, with the emulator's fault
 * injection — the Graph API answering 5xx, 613 and slowly; webhooks duplicated, delayed and reordered — alone
 * and mixed with traffic from several people. Each test has its own emulator and deployment; at its end, {@link FaultChecks} compares what Baton did
 * with the emulator's own state: replies in the order sent and none missing but those reported failed, no
 * event handed twice, owner tracking equal to Meta's, the deployment ready and its journal empty.
 */
class MetaFaultsTest {

    private static final long SEED = 0x7A017_2026L;
    /** A Graph answer this late is past the client's timeout (Meta still does the call). */
    private static final Duration PAST_TIMEOUT = REQUEST_TIMEOUT.plusMillis(500);

    @TempDir
    Path dataDir;

    static FaultPage page;
    static FaultChecks checks;

    @BeforeEach
    void start() throws Exception {
        page = new FaultPage(dataDir);
        checks = new FaultChecks(page);
        // The first pass makes the client ask messaging_feature_status once; do it before any fault is set.
        page.act("warm-up", p -> p.adClick(AdClick.of("ad-0", CAMPAIGNS_ID).withText("warm-up hi pass")));
        page.settle();
    }

    @AfterEach
    void stop() {
        if (page != null) {
            page.record.release();
            page.close();
            page = null;
        }
    }

    @Test
    void graph5xxWithinTheRetriesIsRetriedAndBeyondThemIsReportedWithNothingSent() throws Exception {
        double retries = retries();
        faults().failNextGraphCalls(MAX_RETRIES, GraphFaultKind.SERVER_ERROR);
        page.act("e1", text("e1 one"));
        faults().failNextGraphCalls(MAX_RETRIES + 1, GraphFaultKind.SERVER_ERROR);
        page.act("e1", text("e1 two"));
        page.act("e1", text("e1 three"));

        assertThat(outcomes("e1")).containsExactly("SEND concierge: e1 one DONE",
                "SEND concierge: e1 two FAILED TemporaryGraphException", "SEND concierge: e1 three DONE");
        assertThat(retries() - retries).isEqualTo(2 * MAX_RETRIES);
        checks.all();
    }

    @Test
    void graph613IsRetriedAndReportedOnlyWhenItOutlastsTheRetries() throws Exception {
        double retries = retries();
        faults().failNextGraphCalls(1, GraphFaultKind.RATE_LIMIT);
        page.act("q1", text("q1 one"));
        faults().failNextGraphCalls(MAX_RETRIES + 1, GraphFaultKind.RATE_LIMIT);
        page.act("q1", text("q1 two"));
        page.act("q1", text("q1 three"));

        assertThat(outcomes("q1")).containsExactly("SEND concierge: q1 one DONE",
                "SEND concierge: q1 two FAILED RateLimitedException", "SEND concierge: q1 three DONE");
        assertThat(retries() - retries).isEqualTo(1 + MAX_RETRIES);
        checks.all();
    }

    @Test
    void aSlowGraphBelowTheTimeoutIsFineAndPastItIsReportedUnknownAndNeverRetried() throws Exception {
        double retries = retries();
        faults().slowNextGraphCalls(1, Duration.ofMillis(200));
        page.act("w1", text("w1 one"));
        faults().slowNextGraphCalls(1, PAST_TIMEOUT);
        page.act("w1", text("w1 two"));
        // Meta did it, late: the emulator's slow answer still sends.
        assertThat(FaultPage.poll(() -> concierge("w1").contains("concierge: w1 two"))).isTrue();
        page.act("w1", text("w1 three"));

        assertThat(outcomes("w1")).containsExactly("SEND concierge: w1 one DONE",
                "SEND concierge: w1 two UNKNOWN SendTimedOutException", "SEND concierge: w1 three DONE");
        assertThat(concierge("w1")).containsExactly("concierge: w1 one", "concierge: w1 two", "concierge: w1 three");
        assertThat(retries() - retries).isZero();
        checks.all();
    }

    @Test
    void aGraph5xxWithoutMetasEnvelopeIsNeverRetriedAndMakesTheOwnerUnknown() throws Exception {
        faults().failNextGraphCalls(1, GraphFaultKind.BAD_GATEWAY); // done, answered by a "proxy"
        page.act("g1", text("g1 one"));
        page.act("g1", text("g1 two"));
        faults().failNextGraphCalls(1, GraphFaultKind.BAD_GATEWAY);
        page.act("g1", text("g1 quiet human"));

        assertThat(outcomes("g1")).containsExactly("SEND concierge: g1 one UNKNOWN OtherGraphException",
                "SEND concierge: g1 two DONE", "PASS 263902037430900 UNKNOWN OtherGraphException");
        assertThat(concierge("g1")).containsExactly("concierge: g1 one", "concierge: g1 two");
        assertThat(owner("g1")).isEqualTo(PageRegistration.PAGE_INBOX_APP_ID);
        assertThat(retries()).isZero();
        checks.all();
    }

    @Test
    void ownerTrackingFollowsMetaWhenThreadControlCallsFailOrTimeOut() throws Exception {
        page.act("h1", p -> p.adClick(AdClick.of("ad-1", CAMPAIGNS_ID).withText("h1 hi")));
        faults().failNextGraphCalls(MAX_RETRIES + 1, GraphFaultKind.SERVER_ERROR);
        page.act("h1", text("h1 quiet pass"));
        assertThat(owner("h1")).isEqualTo(CAMPAIGNS_ID);
        faults().slowNextGraphCalls(1, PAST_TIMEOUT);
        page.act("h1", text("h1 quiet pass"));
        assertThat(FaultPage.poll(() -> CONCIERGE_ID.equals(owner("h1")))).as("Meta passed h1, late").isTrue();

        page.act("h2", text("h2 hi"));
        faults().slowNextGraphCalls(1, PAST_TIMEOUT);
        page.act("h2", text("h2 quiet human"));
        assertThat(FaultPage.poll(() -> PageRegistration.PAGE_INBOX_APP_ID.equals(owner("h2"))))
                .as("Meta passed h2 to the Inbox, late").isTrue();

        assertThat(outcomes("h1")).containsExactly("SEND campaigns: h1 hi DONE",
                "PASS default FAILED TemporaryGraphException", "PASS default UNKNOWN SendTimedOutException");
        assertThat(outcomes("h2")).containsExactly("SEND concierge: h2 hi DONE",
                "PASS 263902037430900 UNKNOWN SendTimedOutException");
        checks.all();
    }

    @Test
    void duplicatedWebhooksNeverReachAHandlerTwice() throws Exception {
        int duplicates = 3;
        for (int i = 0; i < duplicates; i++) {
            faults().duplicateNextDelivery(CONCIERGE_ID);
            faults().duplicateNextDelivery(CAMPAIGNS_ID);
        }
        page.act("d1", text("d1 one"));
        page.act("d1", p -> p.adClick(AdClick.of("ad-2", CAMPAIGNS_ID).withText("d1 ad")));
        page.act("d1", text("d1 two pass"));
        page.act("d1", text("d1 three"));
        checks.all();

        assertThat(resent(CONCIERGE_ID)).isGreaterThanOrEqualTo(duplicates);
        assertThat(resent(CAMPAIGNS_ID)).isGreaterThanOrEqualTo(duplicates);
    }

    @Test
    void aStandbyEchoReorderedBehindThePassDoesNotUndoTheNewOwner() throws Exception {
        page.act("r1", p -> p.adClick(AdClick.of("ad-3", CAMPAIGNS_ID).withText("r1 hi")));
        page.record.holdNext();
        CompletableFuture<ActionResult> said = CompletableFuture.supplyAsync(() -> page.act("r1", text("r1 hold pass")));
        assertThat(page.record.awaitHolding()).isTrue();
        // campaigns now replies (its echo reaches concierge on standby) and passes (concierge gets the pass):
        // concierge receives those two POSTs swapped.
        faults().reorderNextTwoDeliveries(CONCIERGE_ID);
        page.record.release();
        said.get(30, TimeUnit.SECONDS);
        assertThat(FaultPage.poll(() -> CONCIERGE_ID.equals(owner("r1")))).isTrue();
        checks.all();
    }

    @Test
    void theEchoOfAReplySentJustBeforeAPassToTheInboxDoesNotBringTheOwnerBack() throws Exception {
        // No fault at all: the echo of concierge's reply reaches its lane after the pass (the handler was busy).
        page.act("i1", text("i1 hello"));
        page.act("i1", text("i1 human"));
        assertThat(owner("i1")).isEqualTo(PageRegistration.PAGE_INBOX_APP_ID);
        checks.all();
    }

    @Test
    void reorderedAndDelayedWebhooksKeepEveryConversationRight() throws Exception {
        faults().reorderNextTwoDeliveries(CAMPAIGNS_ID);
        page.act("o1", p -> p.adClick(AdClick.of("ad-4", CAMPAIGNS_ID).withText("o1 hi")));
        faults().delayNextDelivery(CONCIERGE_ID, Duration.ofMillis(300));
        faults().delayNextDelivery(CAMPAIGNS_ID, Duration.ofMillis(300));
        page.act("o1", text("o1 two pass"));
        faults().delayNextDelivery(CONCIERGE_ID, Duration.ofMillis(300));
        page.act("o1", text("o1 three"));
        page.act("o2", text("o2 one human"));
        page.act("o2", p -> p.inboxReply("agent for o2"));
        checks.all();
    }

    @Test
    void mixedTrafficFromSeveralPeopleUnderEveryFaultAtOnce() throws Exception {
        Random random = new Random(SEED);
        for (int i = 0; i < 4; i++) {
            faults().duplicateNextDelivery(CONCIERGE_ID);
            faults().duplicateNextDelivery(CAMPAIGNS_ID);
        }
        for (int i = 0; i < 2; i++) {
            faults().reorderNextTwoDeliveries(CONCIERGE_ID);
            faults().reorderNextTwoDeliveries(CAMPAIGNS_ID);
            faults().delayNextDelivery(CONCIERGE_ID, Duration.ofMillis(50 + random.nextInt(300)));
            faults().delayNextDelivery(CAMPAIGNS_ID, Duration.ofMillis(50 + random.nextInt(300)));
        }
        // At most MAX_RETRIES refusals in all, so however they fall on the calls, every call gets through.
        faults().failNextGraphCalls(2, GraphFaultKind.SERVER_ERROR);
        faults().failNextGraphCalls(1, GraphFaultKind.RATE_LIMIT);
        faults().slowNextGraphCalls(3, Duration.ofMillis(150));

        List<List<Function<dev.baton.emulator.Person, ActionResult>>> scripts = new ArrayList<>();
        List<String> people = List.of("x1", "x2", "x3", "x4", "x5", "x6");
        for (String psid : people) {
            scripts.add(script(psid, random, 8));
        }
        ExecutorService threads = Executors.newFixedThreadPool(people.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < people.size(); i++) {
                String psid = people.get(i);
                List<Function<dev.baton.emulator.Person, ActionResult>> script = scripts.get(i);
                running.add(threads.submit(() -> script.forEach(step -> page.act(psid, step))));
            }
            for (Future<?> person : running) {
                person.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        checks.all();

        List<Attempt> attempts = new ArrayList<>();
        people.forEach(psid -> attempts.addAll(page.record.attemptsFor(psid)));
        assertThat(attempts).as("calls that failed although the faults fit in the retries")
                .noneMatch(attempt -> attempt.outcome() == FaultRecord.Outcome.FAILED);
        assertThat(attempts).hasSizeGreaterThan(people.size() * 3);
        System.out.printf("Meta faults, mixed run: %d people x %d actions; webhook POSTs %d (%d duplicates);"
                        + " app calls %s; Graph retries %.0f; owner checks from memory %.0f, from Meta %.0f%n",
                people.size(), scripts.get(0).size(),
                page.emulator.deliveries(CONCIERGE_ID).size() + page.emulator.deliveries(CAMPAIGNS_ID).size(),
                resent(CONCIERGE_ID) + resent(CAMPAIGNS_ID), attempts.stream().collect(
                        java.util.stream.Collectors.groupingBy(attempt -> attempt.kind() + " " + attempt.outcome(),
                                java.util.TreeMap::new, java.util.stream.Collectors.counting())), retries(),
                checks.ownerChecksFromMemory, checks.ownerChecksFromMeta);
    }

    /** A seeded person: starts at an ad or with a message, then talks, asks for a human, gets an agent. */
    private static List<Function<dev.baton.emulator.Person, ActionResult>> script(String psid, Random random, int steps) {
        List<Function<dev.baton.emulator.Person, ActionResult>> script = new ArrayList<>();
        for (int n = 1; n <= steps; n++) {
            String text = psid + " #" + n;
            int roll = n == 1 ? random.nextInt(2) * 60 : random.nextInt(100);
            String ad = "ad-" + psid + "-" + n;
            script.add(roll < 40 ? text(text)
                    : roll < 55 ? text(text + " pass")
                    : roll < 65 ? text(text + " human")
                    : roll < 80 ? p -> p.adClick(AdClick.of(ad, CAMPAIGNS_ID).withText(text + " ad"))
                    : roll < 90 ? p -> p.inboxReply("agent " + text)
                    : p -> p.inboxMoveToMain());
        }
        return script;
    }

    private static Function<dev.baton.emulator.Person, ActionResult> text(String text) {
        return person -> person.text(text);
    }

    private static Faults faults() {
        return page.emulator.faults();
    }

    private static double retries() {
        Counter counter = page.page.registry().find("baton.graph.retries").tag("endpoint", "messages").counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<String> outcomes(String psid) {
        return page.record.attemptsFor(psid).stream()
                .map(attempt -> attempt.kind() + " " + attempt.subject() + " " + attempt.outcome()
                        + (attempt.error() == null ? "" : " " + attempt.error()))
                .toList();
    }

    private static String owner(String psid) {
        return page.emulator.conversation(FaultPage.PAGE, psid).orElseThrow().ownerAppId();
    }

    private static List<String> concierge(String psid) {
        return page.emulator.conversation(FaultPage.PAGE, psid).orElseThrow().transcript().stream()
                .filter(line -> line.direction() == TranscriptLine.Direction.OUTBOUND && CONCIERGE_ID.equals(line.appId()))
                .map(TranscriptLine::text).toList();
    }

    /** POSTs whose exact bytes the app had already been sent and answered 200 (Meta's duplicates). */
    private static int resent(String appId) {
        Set<String> bodies = new HashSet<>();
        int again = 0;
        for (DeliveryRecord delivery : page.emulator.deliveries(appId)) {
            if (delivery.succeeded() && !bodies.add(delivery.body())) {
                again++;
            }
        }
        return again;
    }
}
