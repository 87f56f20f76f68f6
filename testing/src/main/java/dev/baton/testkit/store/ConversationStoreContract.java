package dev.baton.testkit.store;

import static dev.baton.spi.ConversationStore.Claim.DUPLICATE;
import static dev.baton.spi.ConversationStore.Claim.NEW;
import static dev.baton.spi.ConversationStore.Claim.SAME_CLAIMANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.event.ConversationKey;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.ConversationStore.Claim;
import dev.baton.spi.ConversationStore.RecordedCall;
import dev.baton.spi.ConversationStore.StoredTimer;
import dev.baton.spi.ThreadOwnership;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every promise of {@link ConversationStore}, as an abstract JUnit 5 class an implementation's test extends
 * (see {@link EventJournalContract} for the shape). Covered: ownership and the last message time per
 * conversation; apps' state per app, conversation and name; timers earliest first, replaced by name; dedupe
 * keys per app, atomic under races, at least the newest {@code capacity} kept; claims ({@code NEW},
 * {@code SAME_CLAIMANT}, {@code DUPLICATE}) sharing their keys with sightings, exactly one {@code NEW} per
 * key under races; nulls refused without a change; and, through {@link #restart}, that all of it survives
 * a restart, the claimant included (the rule that turns a crash between claim and {@code markDone} into a
 * redelivery flagged {@code redelivered()} rather than a lost event); the send record ({@code recordCall},
 * {@code recordedCalls}): per app and claimant, lowest seq first, a seq replaced, at least the newest
 * {@code capacity} calls kept, and kept across a restart with the claim (what lets a redelivered event answer
 * the calls it already made without calling Meta again).
 *
 * <p>Every write must be visible to the next read of any thread once it returned (the dispatcher's lanes
 * rely on it). Times are whole microseconds.
 */
public abstract class ConversationStoreContract {

    protected static final ConversationKey ALICE = new ConversationKey("100", "alice");
    protected static final ConversationKey BOB = new ConversationKey("100", "bob");
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00.000001Z");

    /** The store under test in the current test; {@link #restart} replaces it. */
    protected ConversationStore store;

    /** Opens a fresh, empty store keeping at least {@code dedupeCapacity} dedupe keys. */
    protected abstract ConversationStore openStore(int dedupeCapacity) throws Exception;

    /**
     * Closes {@code current} and opens the same storage again (same capacity), as a process restart would.
     * The default skips the calling test: override it in a durable store's test.
     */
    protected ConversationStore restart(ConversationStore current) throws Exception {
        Assumptions.abort("this store keeps nothing across a restart");
        return current;
    }

    /** Closes what {@link #openStore} opened besides the store. */
    protected void closeResources() throws Exception {}

    /** Opens the store of this test; a test calls it once, first. */
    protected final ConversationStore open(int dedupeCapacity) throws Exception {
        store = openStore(dedupeCapacity);
        return store;
    }

    protected final ConversationStore open() throws Exception {
        return open(1_000);
    }

    @AfterEach
    final void closeTheStore() throws Exception {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            closeResources();
        }
    }

    @Test
    void ownershipAndTheLastMessageAreKeptPerConversation() throws Exception {
        open();
        ThreadOwnership marketing = new ThreadOwnership("111", T0, T0.plusSeconds(86_400),
                ThreadOwnership.Source.HANDOVER_EVENT);
        store.putOwnership(ALICE, marketing);
        store.putOwnership(BOB, ThreadOwnership.UNKNOWN);
        store.putLastUserMessage(ALICE, T0);
        store.putLastUserMessage(ALICE, T0.plusSeconds(5));
        assertThat(store.ownership(ALICE)).contains(marketing);
        assertThat(store.ownership(BOB)).contains(ThreadOwnership.UNKNOWN);
        assertThat(store.ownership(new ConversationKey("100", "carol"))).isEmpty();
        assertThat(store.ownership(new ConversationKey("200", "alice"))).as("per Page").isEmpty();
        assertThat(store.lastUserMessage(ALICE)).contains(T0.plusSeconds(5));
        assertThat(store.lastUserMessage(BOB)).isEmpty();
        ThreadOwnership inbox = new ThreadOwnership("263902037430900", T0.plusSeconds(9), null,
                ThreadOwnership.Source.GRAPH_LOOKUP);
        store.putOwnership(ALICE, inbox);
        assertThat(store.ownership(ALICE)).as("replaced").contains(inbox);
    }

    @Test
    void stateIsPerAppConversationAndName() throws Exception {
        open();
        store.putState("marketing", ALICE, "step", "offer-sent");
        store.putState("default", ALICE, "step", "menu");
        store.putState("marketing", BOB, "step", "done");
        store.putState("marketing", BOB, "note", "x");
        store.removeState("marketing", BOB, "note");
        store.putState("marketing", ALICE, "step", "answered");
        store.removeState("marketing", ALICE, "never-set"); // no harm
        assertThat(store.state("marketing", ALICE, "step")).contains("answered");
        assertThat(store.state("default", ALICE, "step")).contains("menu");
        assertThat(store.state("marketing", BOB, "step")).contains("done");
        assertThat(store.state("marketing", BOB, "note")).isEmpty();
        assertThat(store.state("inbox", ALICE, "step")).isEmpty();
        store.removeState("marketing", ALICE, "step");
        assertThat(store.state("marketing", ALICE, "step")).isEmpty();
    }

    @Test
    void timersAreListedEarliestFirstReplacedByNameAndRemoved() throws Exception {
        open();
        store.putTimer(new StoredTimer("marketing", ALICE, "complete", T0.plusSeconds(30)));
        store.putTimer(new StoredTimer("marketing", BOB, "complete", T0.plusSeconds(10)));
        store.putTimer(new StoredTimer("default", ALICE, "idle", T0.plusSeconds(20)));
        store.putTimer(new StoredTimer("marketing", ALICE, "complete", T0.plusSeconds(5)));
        store.putTimer(new StoredTimer("default", BOB, "idle", T0));
        store.removeTimer("default", BOB, "idle");
        store.removeTimer("default", BOB, "never-set");
        assertThat(store.timers()).containsExactly(
                new StoredTimer("marketing", ALICE, "complete", T0.plusSeconds(5)),
                new StoredTimer("marketing", BOB, "complete", T0.plusSeconds(10)),
                new StoredTimer("default", ALICE, "idle", T0.plusSeconds(20)));
    }

    @Test
    void aKeyIsSightedOncePerApp() throws Exception {
        open();
        assertThat(store.firstSighting("marketing", "m1")).isTrue();
        assertThat(store.firstSighting("marketing", "m1")).isFalse();
        assertThat(store.firstSighting("default", "m1")).isTrue();
        assertThat(store.firstSighting("marketing", "m2")).isTrue();
    }

    @Test
    void ofManyThreadsSightingOneKeyExactlyOneIsFirst() throws Exception {
        open();
        for (int round = 0; round < 10; round++) {
            String key = "m-" + round;
            AtomicInteger firsts = new AtomicInteger();
            race(8, thread -> {
                if (store.firstSighting("app", key)) {
                    firsts.incrementAndGet();
                }
                return null;
            });
            assertThat(firsts).as("round %d", round).hasValue(1);
        }
    }

    @Test
    void atLeastTheNewestCapacityKeysAreKept() throws Exception {
        int capacity = 50;
        open(capacity);
        for (int i = 0; i < 6 * capacity; i++) {
            assertThat(store.firstSighting("app", "k" + i)).isTrue();
        }
        for (int i = 5 * capacity; i < 6 * capacity; i++) {
            assertThat(store.firstSighting("app", "k" + i)).as("recent key k%d", i).isFalse();
        }
    }

    @Test
    void aClaimTellsTheSameClaimantFromAnother() throws Exception {
        open();
        assertThat(store.claim("shop", "message:m1", "7:0")).isEqualTo(NEW);
        assertThat(store.claim("shop", "message:m1", "7:0")).isEqualTo(SAME_CLAIMANT);
        assertThat(store.claim("shop", "message:m1", "9:2")).isEqualTo(DUPLICATE);
        assertThat(store.claim("shop", "message:m1", "7:0")).as("a repeat did not take the key over")
                .isEqualTo(SAME_CLAIMANT);
        assertThat(store.claim("other", "message:m1", "9:2")).as("per app").isEqualTo(NEW);
    }

    @Test
    void claimsAndSightingsShareTheKeys() throws Exception {
        open();
        assertThat(store.firstSighting("shop", "message:m1")).isTrue();
        assertThat(store.claim("shop", "message:m1", "7:0")).as("sighted without a claimant").isEqualTo(DUPLICATE);
        assertThat(store.claim("shop", "message:m1", "")).as("the empty claimant is not 'none'").isEqualTo(DUPLICATE);
        assertThat(store.claim("shop", "message:m2", "8:0")).isEqualTo(NEW);
        assertThat(store.firstSighting("shop", "message:m2")).isFalse();
        assertThat(store.claim("shop", "message:m2", "8:0")).as("a sighting did not erase the claimant")
                .isEqualTo(SAME_CLAIMANT);
    }

    @Test
    void anAsyncClaimAnswersLikeAClaimOnceDurable() throws Exception {
        open();
        assertThat(store.claimAsync("shop", "message:a1", "7:0").get(30, TimeUnit.SECONDS)).isEqualTo(NEW);
        assertThat(store.claim("shop", "message:a1", "7:0")).as("the async claim took the key")
                .isEqualTo(SAME_CLAIMANT);
        assertThat(store.claimAsync("shop", "message:a1", "9:2").get(30, TimeUnit.SECONDS)).isEqualTo(DUPLICATE);
        assertThat(store.claimAsync("shop", "message:a1", "7:0").get(30, TimeUnit.SECONDS)).isEqualTo(SAME_CLAIMANT);
        // Many in flight at once (the dispatcher's case): exactly one NEW per key, the rest told apart.
        List<CompletableFuture<Claim>> inFlight = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            inFlight.add(store.claimAsync("shop", "message:b" + (i / 2), "entry-" + (i % 2)));
        }
        for (int i = 0; i < inFlight.size(); i++) {
            assertThat(inFlight.get(i).get(30, TimeUnit.SECONDS)).as("claim %d", i).isEqualTo(i % 2 == 0 ? NEW : DUPLICATE);
        }
    }

    @Test
    void anAsyncClaimIsDurableOnceItsFutureCompletes() throws Exception {
        open();
        store.claimAsync("shop", "message:c1", "3:0").get(30, TimeUnit.SECONDS);
        store = restart(store);
        assertThat(store.claim("shop", "message:c1", "3:0")).isEqualTo(SAME_CLAIMANT);
    }

    @Test
    void ofManyThreadsClaimingOneKeyExactlyOneIsNew() throws Exception {
        open();
        for (int round = 0; round < 10; round++) {
            String key = "m-" + round;
            List<Claim> results = race(8, thread -> store.claim("app", key, "entry-" + (thread % 2)));
            assertThat(results).as("round %d", round).filteredOn(NEW::equals).hasSize(1);
            int winner = results.indexOf(NEW);
            for (int i = 0; i < results.size(); i++) {
                Claim expected = i == winner ? NEW : (i % 2 == winner % 2) ? SAME_CLAIMANT : DUPLICATE;
                assertThat(results.get(i)).as("round %d, claim %d", round, i).isEqualTo(expected);
            }
        }
    }

    @Test
    void nullsAreRefusedAndChangeNothing() throws Exception {
        open();
        assertThatThrownBy(() -> store.claim("a", "k", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.claim("a", null, "c")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.claim(null, "k", "c")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.firstSighting("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.putState("a", ALICE, "n", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.putOwnership(ALICE, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.putTimer(new StoredTimer("a", ALICE, "t", null)))
                .isInstanceOf(NullPointerException.class);
        assertThat(store.claim("a", "k", "c")).as("the refused claims left no key").isEqualTo(NEW);
        assertThat(store.state("a", ALICE, "n")).isEmpty();
        assertThat(store.ownership(ALICE)).isEmpty();
        assertThat(store.timers()).isEmpty();
    }

    @Test
    void everythingSurvivesARestart() throws Exception {
        open();
        ThreadOwnership marketing = new ThreadOwnership("111", T0, T0.plusSeconds(86_400),
                ThreadOwnership.Source.HANDOVER_EVENT);
        store.putOwnership(ALICE, marketing);
        store.putOwnership(BOB, ThreadOwnership.UNKNOWN);
        store.putLastUserMessage(ALICE, T0.plusSeconds(5));
        store.putState("marketing", ALICE, "step", "answered");
        store.putState("marketing", BOB, "note", "x");
        store.removeState("marketing", BOB, "note");
        store.putTimer(new StoredTimer("marketing", ALICE, "complete", T0.plusSeconds(30)));
        store.putTimer(new StoredTimer("default", BOB, "idle", T0.plusSeconds(10)));
        store.putTimer(new StoredTimer("default", ALICE, "idle", T0));
        store.removeTimer("default", ALICE, "idle");
        assertThat(store.firstSighting("marketing", "m-1")).isTrue();

        store = restart(store);
        assertThat(store.ownership(ALICE)).contains(marketing);
        assertThat(store.ownership(BOB)).contains(ThreadOwnership.UNKNOWN);
        assertThat(store.lastUserMessage(ALICE)).contains(T0.plusSeconds(5));
        assertThat(store.state("marketing", ALICE, "step")).contains("answered");
        assertThat(store.state("marketing", BOB, "note")).isEmpty();
        assertThat(store.timers()).containsExactly(
                new StoredTimer("default", BOB, "idle", T0.plusSeconds(10)),
                new StoredTimer("marketing", ALICE, "complete", T0.plusSeconds(30)));
        assertThat(store.firstSighting("marketing", "m-1")).isFalse();
        assertThat(store.firstSighting("default", "m-1")).isTrue();
    }

    @Test
    void theClaimantSurvivesARestartSoAnInterruptedHandOverIsRedelivered() throws Exception {
        open();
        assertThat(store.claim("shop", "message:m1", "7:0")).isEqualTo(NEW);
        assertThat(store.claim("default", "message:m1", "9:1")).isEqualTo(NEW);
        assertThat(store.firstSighting("shop", "plain")).isTrue();

        store = restart(store);
        assertThat(store.claim("shop", "message:m1", "7:0")).as("the crash window: same entry again")
                .isEqualTo(SAME_CLAIMANT);
        assertThat(store.claim("shop", "message:m1", "9:1")).as("Meta's repeat").isEqualTo(DUPLICATE);
        assertThat(store.claim("default", "message:m1", "9:1")).isEqualTo(SAME_CLAIMANT);
        assertThat(store.claim("shop", "plain", "1:0")).as("sighted without a claimant").isEqualTo(DUPLICATE);
        assertThat(store.firstSighting("shop", "message:m1")).isFalse();
        assertThat(store.claim("shop", "message:m2", "10:0")).isEqualTo(NEW);
    }

    @Test
    void theSendRecordKeepsEachCallbacksCallsInOrder() throws Exception {
        open();
        store.recordCall("shop", "7:0", new RecordedCall(2, "f-pass", "{\"t\":\"done\"}"));
        store.recordCall("shop", "7:0", new RecordedCall(1, "f-reply", "{\"t\":\"sent\",\"messageId\":\"m_1\"}"));
        store.recordCall("shop", "7:1", new RecordedCall(1, "f-other", "x"));
        store.recordCall("default", "7:0", new RecordedCall(1, "f-default", "y"));
        assertThat(store.recordedCalls("shop", "7:0")).as("lowest seq first").containsExactly(
                new RecordedCall(1, "f-reply", "{\"t\":\"sent\",\"messageId\":\"m_1\"}"),
                new RecordedCall(2, "f-pass", "{\"t\":\"done\"}"));
        assertThat(store.recordedCalls("shop", "7:1")).containsExactly(new RecordedCall(1, "f-other", "x"));
        assertThat(store.recordedCalls("default", "7:0")).as("per app").containsExactly(
                new RecordedCall(1, "f-default", "y"));
        assertThat(store.recordedCalls("shop", "8:0")).isEmpty();

        store.recordCall("shop", "7:0", new RecordedCall(2, "f-release", "z"));
        assertThat(store.recordedCalls("shop", "7:0")).as("the same seq is replaced").containsExactly(
                new RecordedCall(1, "f-reply", "{\"t\":\"sent\",\"messageId\":\"m_1\"}"),
                new RecordedCall(2, "f-release", "z"));
        assertThatThrownBy(() -> store.recordCall("shop", null, new RecordedCall(1, "f", "o")))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.recordCall("shop", "9:0", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.recordedCalls(null, "7:0")).isInstanceOf(NullPointerException.class);
        assertThat(store.recordedCalls("shop", "9:0")).as("the refused record left nothing").isEmpty();
    }

    @Test
    void atLeastTheNewestCapacityCallsAreRecorded() throws Exception {
        open(10);
        for (int event = 0; event < 300; event++) {
            store.recordCall("shop", event + ":0", new RecordedCall(1, "f" + event, "o" + event));
        }
        for (int event = 290; event < 300; event++) {
            assertThat(store.recordedCalls("shop", event + ":0")).as("call of event " + event)
                    .containsExactly(new RecordedCall(1, "f" + event, "o" + event));
        }
    }

    @Test
    void theSendRecordSurvivesARestart() throws Exception {
        open();
        assertThat(store.claim("shop", "message:m1", "7:0")).isEqualTo(NEW);
        store.recordCall("shop", "7:0", new RecordedCall(1, "f-reply", "sent m_1"));
        store.recordCall("shop", "timer:100:alice:t@" + T0, new RecordedCall(1, "f-timer", "done"));

        store = restart(store);
        assertThat(store.claim("shop", "message:m1", "7:0")).isEqualTo(SAME_CLAIMANT);
        assertThat(store.recordedCalls("shop", "7:0")).as("what the interrupted hand-over already did")
                .containsExactly(new RecordedCall(1, "f-reply", "sent m_1"));
        assertThat(store.recordedCalls("shop", "timer:100:alice:t@" + T0))
                .containsExactly(new RecordedCall(1, "f-timer", "done"));
    }

    /** Runs {@code task} on {@code threads} threads released at once; the results in thread order. */
    private static <T> List<T> race(int threads, RaceTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<T>> racers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                racers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        return task.run(thread);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (CompletableFuture<T> racer : racers) {
                results.add(racer.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface RaceTask<T> {
        T run(int thread) throws InterruptedException;
    }
}
