package dev.baton.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.event.ConversationKey;
import dev.baton.spi.ConversationStore.StoredTimer;
import dev.baton.spi.ThreadOwnership;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConversationStoreTest {

    private static final ConversationKey ALICE = new ConversationKey("100", "alice");
    private static final ConversationKey BOB = new ConversationKey("100", "bob");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.000001Z");

    @TempDir
    Path dir;

    private final List<SqliteStores> opened = new ArrayList<>();

    private SqliteConversationStore open(SqliteStores.Settings settings) {
        SqliteStores stores = SqliteStores.open(dir.resolve("baton.db"), settings, new SimpleMeterRegistry(),
                Clock.systemUTC());
        opened.add(stores);
        return stores.store();
    }

    private SqliteConversationStore open() {
        return open(SqliteStores.Settings.defaults());
    }

    private SqliteConversationStore reopen(SqliteConversationStore store) {
        store.close();
        opened.get(opened.size() - 1).close();
        return open();
    }

    @AfterEach
    void closeAll() {
        opened.forEach(SqliteStores::close);
    }

    @Test
    void ownershipAndLastUserMessageSurviveARestart() {
        SqliteConversationStore store = open();
        ThreadOwnership marketing = new ThreadOwnership("111", T0, T0.plusSeconds(86_400),
                ThreadOwnership.Source.HANDOVER_EVENT);
        store.putOwnership(ALICE, marketing);
        store.putOwnership(BOB, ThreadOwnership.UNKNOWN);
        store.putLastUserMessage(ALICE, T0);
        store.putLastUserMessage(ALICE, T0.plusSeconds(5));
        assertThat(store.ownership(ALICE)).contains(marketing);

        store = reopen(store);
        assertThat(store.ownership(ALICE)).contains(marketing);
        assertThat(store.ownership(BOB)).contains(ThreadOwnership.UNKNOWN);
        assertThat(store.ownership(new ConversationKey("100", "carol"))).isEmpty();
        assertThat(store.lastUserMessage(ALICE)).contains(T0.plusSeconds(5));
        assertThat(store.lastUserMessage(BOB)).isEmpty();
    }

    @Test
    void stateIsPerAppConversationAndNameAndSurvivesARestart() {
        SqliteConversationStore store = open();
        store.putState("marketing", ALICE, "step", "offer-sent");
        store.putState("default", ALICE, "step", "menu");
        store.putState("marketing", BOB, "step", "done");
        store.putState("marketing", BOB, "note", "x");
        store.removeState("marketing", BOB, "note");
        store.putState("marketing", ALICE, "step", "answered");

        store = reopen(store);
        assertThat(store.state("marketing", ALICE, "step")).contains("answered");
        assertThat(store.state("default", ALICE, "step")).contains("menu");
        assertThat(store.state("marketing", BOB, "step")).contains("done");
        assertThat(store.state("marketing", BOB, "note")).isEmpty();
        store.removeState("marketing", ALICE, "step");
        assertThat(store.state("marketing", ALICE, "step")).isEmpty();
    }

    @Test
    void readsStayCorrectWhenTheCacheIsFarSmallerThanTheData() {
        SqliteConversationStore store = open(SqliteStores.Settings.defaults().withCacheCapacity(4));
        for (int i = 0; i < 20; i++) {
            ConversationKey key = new ConversationKey("100", "user-" + i);
            store.putState("app", key, "n", Integer.toString(i));
            store.putLastUserMessage(key, T0.plusSeconds(i));
        }
        for (int i = 0; i < 20; i++) {
            ConversationKey key = new ConversationKey("100", "user-" + i);
            assertThat(store.state("app", key, "n")).contains(Integer.toString(i));
            assertThat(store.lastUserMessage(key)).contains(T0.plusSeconds(i));
        }
    }

    @Test
    void timersAreListedEarliestFirstMovedWhenSetAgainAndSurviveARestart() {
        SqliteConversationStore store = open();
        store.putTimer(new StoredTimer("marketing", ALICE, "complete", T0.plusSeconds(30)));
        store.putTimer(new StoredTimer("marketing", BOB, "complete", T0.plusSeconds(10)));
        store.putTimer(new StoredTimer("default", ALICE, "idle", T0.plusSeconds(20)));
        store.putTimer(new StoredTimer("marketing", ALICE, "complete", T0.plusSeconds(5)));
        store.putTimer(new StoredTimer("default", BOB, "idle", T0));
        store.removeTimer("default", BOB, "idle");

        SqliteConversationStore reopened = reopen(store);
        assertThat(reopened.timers()).containsExactly(
                new StoredTimer("marketing", ALICE, "complete", T0.plusSeconds(5)),
                new StoredTimer("marketing", BOB, "complete", T0.plusSeconds(10)),
                new StoredTimer("default", ALICE, "idle", T0.plusSeconds(20)));
        assertThatThrownBy(() -> reopened.putTimer(new StoredTimer("a", ALICE, "t", null)))
                .hasMessage("timer.dueAt is null");
    }

    @Test
    void aKeyIsSightedOncePerAppAcrossRestarts() {
        SqliteConversationStore store = open();
        assertThat(store.firstSighting("marketing", "m-1")).isTrue();
        assertThat(store.firstSighting("marketing", "m-1")).isFalse();
        assertThat(store.firstSighting("default", "m-1")).isTrue();
        store = reopen(store);
        assertThat(store.firstSighting("marketing", "m-1")).isFalse();
        assertThat(store.firstSighting("default", "m-1")).isFalse();
        assertThat(store.firstSighting("marketing", "m-2")).isTrue();
    }

    @Test
    void ofManyThreadsSightingOneKeyExactlyOneIsFirst() throws Exception {
        SqliteConversationStore store = open();
        int threads = 12;
        for (int round = 0; round < 20; round++) {
            String key = "m-" + round;
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger firsts = new AtomicInteger();
            List<CompletableFuture<Void>> racers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                racers.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (store.firstSighting("app", key)) {
                        firsts.incrementAndGet();
                    }
                }, runnable -> new Thread(runnable).start()));
            }
            start.countDown();
            CompletableFuture.allOf(racers.toArray(CompletableFuture[]::new)).join();
            assertThat(firsts).as("round %d", round).hasValue(1);
        }
    }

    @Test
    void keepsAtLeastTheNewestCapacityKeysAndForgetsTheOldest() {
        int capacity = 50;
        SqliteConversationStore store = open(SqliteStores.Settings.defaults().withDedupeCapacity(capacity));
        int total = 300;
        for (int i = 0; i < total; i++) {
            assertThat(store.firstSighting("app", "k" + i)).isTrue();
        }
        long rows = Sql.count(dir.resolve("baton.db"), "dedupe_key");
        assertThat(rows).isBetween((long) capacity, (long) capacity + 256);
        for (int i = total - capacity; i < total; i++) {
            assertThat(store.firstSighting("app", "k" + i)).as("recent key k%d", i).isFalse();
        }
        assertThat(store.firstSighting("app", "k0")).as("the oldest key was trimmed").isTrue();
    }

    @Test
    void badArgumentsChangeNothing() {
        SqliteConversationStore store = open();
        assertThatThrownBy(() -> store.putState("app", ALICE, "n", null)).hasMessage("value is null");
        assertThatThrownBy(() -> store.putOwnership(ALICE, null)).hasMessage("ownership is null");
        assertThatThrownBy(() -> store.firstSighting("app", null)).hasMessage("eventKey is null");
        assertThat(store.state("app", ALICE, "n")).isEmpty();
        assertThat(store.ownership(ALICE)).isEmpty();
    }

    @Test
    void changesAfterCloseAreRefused() {
        SqliteStores stores = SqliteStores.open(dir.resolve("other.db"), SqliteStores.Settings.defaults(),
                new SimpleMeterRegistry(), Clock.systemUTC());
        stores.close();
        assertThatThrownBy(() -> stores.store().putState("app", ALICE, "n", "v"))
                .isInstanceOf(SqliteStoreException.class).hasMessageContaining("closed");
    }
}
