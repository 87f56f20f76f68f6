package dev.baton.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.event.ConversationKey;
import dev.baton.spi.ConversationStore.Claim;
import dev.baton.spi.ConversationStore.StoredTimer;
import dev.baton.spi.JournaledBatch;
import dev.baton.spi.ThreadOwnership;
import dev.baton.testkit.PostgresExtension;
import dev.baton.testkit.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresStoresTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private static PostgresStores open(String url, TestPostgres postgres, String id) {
        PostgresSettings settings = PostgresSettings.of(url, postgres.user(), postgres.password())
                .withBuckets(8).withLeaseTtl(Duration.ofSeconds(2)).withPoolSize(4).withInstanceId(id);
        return PostgresStores.open(settings, new SimpleMeterRegistry(), Clock.systemUTC());
    }

    @Test
    void theServerCommitsDurably(TestPostgres postgres) throws Exception {
        try (Connection connection = postgres.connect("postgres"); Statement statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit")) {
                try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
                    row.next();
                    assertThat(row.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    @Test
    void appendsAreDurableBucketedAndSequencedPerBucket(TestPostgres postgres) throws Exception {
        String url = postgres.newDatabase();
        try (PostgresStores stores = open(url, postgres, "a")) {
            assertThat(stores.heldBuckets()).hasSize(8);
            List<CompletableFuture<Long>> appends = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                appends.add(stores.journal().append("app", Bodies.batch("u" + (i % 20), 2), AT, 2));
            }
            List<Long> ids = new ArrayList<>();
            for (CompletableFuture<Long> append : appends) {
                ids.add(append.get(30, TimeUnit.SECONDS));
            }
            assertThat(ids).doesNotHaveDuplicates();
            try (Connection connection = postgres.connect(url.substring(url.lastIndexOf('/') + 1));
                    Statement statement = connection.createStatement()) {
                try (ResultSet row = statement.executeQuery("SELECT count(*) FROM journal_event")) {
                    row.next();
                    assertThat(row.getInt(1)).isEqualTo(400);
                }
                // Within a bucket, the sequence is dense and follows batch ids (the commit order).
                try (ResultSet rows = statement.executeQuery(
                        "SELECT bucket, count(*), max(seq), bool_and(ok) FROM (SELECT bucket, seq,"
                                + " seq > coalesce(lag(seq) OVER w, 0) AND batch_id >= coalesce(lag(batch_id) OVER w, 0) ok"
                                + " FROM journal_event WINDOW w AS (PARTITION BY bucket ORDER BY seq)) s GROUP BY bucket")) {
                    while (rows.next()) {
                        assertThat(rows.getLong(3)).isEqualTo(rows.getLong(2));
                        assertThat(rows.getBoolean(4)).isTrue();
                    }
                }
            }
            assertThat(stores.journal().pending()).hasSize(200);
            for (long id : ids) {
                stores.journal().markDone(id, 0);
                stores.journal().markDone(id, 1);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!stores.journal().pending().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(stores.journal().pending()).isEmpty();
            assertThat(stores.journal().prune(AT.plusSeconds(1))).isEqualTo(200);
        }
    }

    @Test
    void conversationStoreRoundTripsAndClaimsOnce(TestPostgres postgres) throws Exception {
        String url = postgres.newDatabase();
        ConversationKey key = new ConversationKey("100", "u1");
        try (PostgresStores stores = open(url, postgres, "a")) {
            long batch = stores.journal().append("app", Bodies.batch("u1", 1), AT, 1).get(30, TimeUnit.SECONDS);
            var store = stores.store();
            assertThat(store.ownership(key)).isEmpty();
            ThreadOwnership owned = new ThreadOwnership("263902037430900", AT, null, ThreadOwnership.Source.OWN_ACTION);
            store.putOwnership(key, owned);
            store.putLastUserMessage(key, AT);
            store.putState("app", key, "stage", "asked");
            store.putTimer(new StoredTimer("app", key, "nudge", AT.plusSeconds(60)));
            assertThat(store.claim("app", "message:m1", batch + ":0")).isEqualTo(Claim.NEW);
            assertThat(store.claim("app", "message:m1", batch + ":0")).isEqualTo(Claim.SAME_CLAIMANT);
            assertThat(store.claim("app", "message:m1", "99:0")).isEqualTo(Claim.DUPLICATE);
            assertThat(store.firstSighting("app", "k")).isTrue();
            assertThat(store.firstSighting("app", "k")).isFalse();
        }
        try (PostgresStores again = open(url, postgres, "b")) {
            var store = again.store();
            assertThat(store.ownership(key)).map(ThreadOwnership::ownerAppId).contains("263902037430900");
            assertThat(store.lastUserMessage(key)).contains(AT);
            assertThat(store.state("app", key, "stage")).contains("asked");
            assertThat(store.timers()).containsExactly(new StoredTimer("app", key, "nudge", AT.plusSeconds(60)));
            store.removeTimer("app", key, "nudge");
            store.removeState("app", key, "stage");
            assertThat(store.timers()).isEmpty();
            assertThat(store.state("app", key, "stage")).isEmpty();
            assertThat(again.journal().pending()).hasSize(1); // handed back on close, so b took it at once
        }
    }

    @Test
    void bucketsSpreadEvenlyAndANewerHolderFencesTheOldOne(TestPostgres postgres) throws Exception {
        String url = postgres.newDatabase();
        try (PostgresStores first = open(url, postgres, "a")) {
            ConversationKey key = keyInBucket(first, 1);
            first.store().putState("app", key, "x", "1");
            try (PostgresStores second = open(url, postgres, "b")) {
                // a gives up the odd buckets at its next round; b takes them once free.
                waitUntil(() -> first.heldBuckets().size() == 4 && second.heldBuckets().size() == 4);
                assertThat(second.heldBuckets()).containsExactly(1, 3, 5, 7);
                assertThatThrownBy(() -> first.store().putState("app", key, "x", "stale"))
                        .isInstanceOf(FencedWriteException.class);
                second.store().putState("app", key, "x", "2");
                assertThat(second.store().state("app", key, "x")).contains("2");
                // Even with a forged local lease, the database refuses the old epoch.
                BucketLeases.Held stale = new BucketLeases.Held(1, 1, System.nanoTime() + 60_000_000_000L);
                assertThat(second.leases().current(1).epoch()).isGreaterThan(stale.epoch());
            }
            waitUntil(() -> first.heldBuckets().size() == 8);
            assertThat(first.store().state("app", key, "x")).contains("2");
        }
    }

    @Test
    void eachInstancesSendShareIsItsBucketsOverAllAndTheSharesNeverAddUpToMoreThanOne(TestPostgres postgres)
            throws Exception {
        assertThat(BucketLeases.shareOf(3, 8)).isEqualTo(0.375);
        assertThat(BucketLeases.shareOf(0, 8)).isZero();
        String url = postgres.newDatabase();
        try (PostgresStores first = open(url, postgres, "a")) {
            dev.baton.spi.WorkSource a = (dev.baton.spi.WorkSource) first.journal();
            assertThat(a.sendShare()).as("alone: every bucket").isEqualTo(1.0);
            try (PostgresStores second = open(url, postgres, "b")) {
                dev.baton.spi.WorkSource b = (dev.baton.spi.WorkSource) second.journal();
                // While the buckets move, sample the taker first, then the giver: a rise at b comes only after
                // the drop at a, so any pair read this way that added up to more than one is a real overlap.
                int samples = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!(first.heldBuckets().size() == 4 && second.heldBuckets().size() == 4)) {
                    double taker = b.sendShare();
                    double giver = a.sendShare();
                    assertThat(taker + giver).as("shares after " + samples + " samples").isLessThanOrEqualTo(1.0);
                    samples++;
                    Thread.yield();
                    assertThat(System.nanoTime()).as("the spread settles").isLessThan(deadline);
                }
                assertThat(a.sendShare()).isEqualTo(0.5);
                assertThat(b.sendShare()).isEqualTo(0.5);
            }
            // b handed its buckets back on close: a takes them, and its share with them.
            waitUntil(() -> a.sendShare() == 1.0);
        }
    }

    @Test
    void aKilledHoldersBucketsMoveAfterItsLeaseExpires(TestPostgres postgres) throws Exception {
        String url = postgres.newDatabase();
        PostgresStores killed = open(url, postgres, "a");
        try (PostgresStores survivor = open(url, postgres, "b")) {
            waitUntil(() -> killed.heldBuckets().size() == 4 && survivor.heldBuckets().size() == 4);
            long batch = killed.journal().append("app", Bodies.batch("u1", 1), AT, 1).get(30, TimeUnit.SECONDS);
            // "kill": stop renewing without handing anything back.
            killed.leases().stopRenewingForTest();
            waitUntil(() -> survivor.heldBuckets().size() == 8);
            assertThat(((dev.baton.spi.WorkSource) survivor.journal()).sendShare()).isEqualTo(1.0);
            assertThat(((dev.baton.spi.WorkSource) killed.journal()).sendShare()).as("its leases lapsed here too")
                    .isZero();
            List<JournaledBatch> pending = survivor.journal().pending();
            assertThat(pending).extracting(JournaledBatch::id).containsExactly(batch);
            assertThat(Optional.ofNullable(killed.leases().current(0))).isEmpty();
        } finally {
            killed.close();
        }
    }

    static ConversationKey keyInBucket(PostgresStores stores, int bucket) {
        for (int i = 0; ; i++) {
            ConversationKey key = new ConversationKey("100", "u" + i);
            if (stores.bucketOf(key) == bucket) {
                return key;
            }
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 60 s");
            }
            Thread.sleep(25);
        }
    }
}
