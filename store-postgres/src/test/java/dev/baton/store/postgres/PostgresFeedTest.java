package dev.baton.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.spi.ConversationStore.StoredTimer;
import dev.baton.spi.JournaledBatch;
import dev.baton.spi.WorkSource;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The work feed with two instances appending into the same buckets at once: each instance feeds its own
 * appends from memory when they follow the bucket's cursor and reads the bucket back when another
 * instance's append came in between. Whatever the interleaving, every event reaches its bucket's holder
 * exactly once, and within a bucket in sequence (commit) order.
 */
@ExtendWith(PostgresExtension.class)
class PostgresFeedTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final int EVENTS = 3;

    /** One event as a sink saw it. */
    private record Fed(String instance, long batchId, int index) {}

    private static PostgresStores open(String url, TestPostgres postgres, String id) {
        PostgresSettings settings = PostgresSettings.of(url, postgres.user(), postgres.password())
                .withBuckets(8).withLeaseTtl(Duration.ofSeconds(5)).withPoolSize(4).withInstanceId(id);
        return PostgresStores.open(settings, new SimpleMeterRegistry(), Clock.systemUTC());
    }

    private static WorkSource.Sink recorder(String instance, List<Fed> fed) {
        return new WorkSource.Sink() {
            @Override
            public void batch(JournaledBatch batch, boolean replayed) {
                for (int index = 0; index < EVENTS; index++) {
                    if (!batch.doneEvents().contains(index)) {
                        fed.add(new Fed(instance, batch.id(), index));
                    }
                }
            }

            @Override
            public void timers(List<StoredTimer> timers) {}
        };
    }

    @Test
    void concurrentAppendsOfTwoInstancesAreFedOnceEachInSequenceOrder(TestPostgres postgres) throws Exception {
        String url = postgres.newDatabase();
        List<Fed> fed = new CopyOnWriteArrayList<>();
        try (PostgresStores a = open(url, postgres, "a"); PostgresStores b = open(url, postgres, "b")) {
            PostgresStoresTest.waitUntil(() -> a.heldBuckets().size() == 4 && b.heldBuckets().size() == 4);
            a.journal().start(recorder("a", fed));
            b.journal().start(recorder("b", fed));
            ExecutorService senders = Executors.newFixedThreadPool(8);
            List<CompletableFuture<Long>> appends = new ArrayList<>();
            try {
                List<CompletableFuture<CompletableFuture<Long>>> submitted = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    PostgresStores via = i % 2 == 0 ? a : b;
                    // Three people per batch, so that most batches have events in several buckets.
                    byte[] body = Bodies.mixed("u" + (i % 10), "u" + ((i + 3) % 10), "u" + ((i + 7) % 10));
                    submitted.add(CompletableFuture.supplyAsync(
                            () -> via.journal().append("app", body, AT, EVENTS), senders));
                }
                for (CompletableFuture<CompletableFuture<Long>> one : submitted) {
                    appends.add(one.get(60, TimeUnit.SECONDS));
                }
                for (CompletableFuture<Long> append : appends) {
                    append.get(60, TimeUnit.SECONDS);
                }
            } finally {
                senders.shutdown();
            }
            PostgresStoresTest.waitUntil(() -> fed.size() >= 1200);
            Thread.sleep(300); // anything fed twice would arrive about now
            assertThat(fed).hasSize(1200).doesNotHaveDuplicates();

            Map<List<Long>, long[]> bucketAndSeq = new HashMap<>();
            try (Connection connection = postgres.connect(url.substring(url.lastIndexOf('/') + 1));
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT batch_id, idx, bucket, seq FROM journal_event")) {
                while (rows.next()) {
                    bucketAndSeq.put(List.of(rows.getLong(1), (long) rows.getInt(2)),
                            new long[] {rows.getInt(3), rows.getLong(4)});
                }
            }
            Map<Long, Long> lastSeq = new HashMap<>();
            for (Fed one : fed) {
                long[] place = bucketAndSeq.get(List.of(one.batchId(), (long) one.index()));
                int bucket = (int) place[0];
                PostgresStores holder = a.heldBuckets().contains(bucket) ? a : b;
                assertThat(one.instance()).isEqualTo(holder.instanceId());
                Long before = lastSeq.put((long) bucket, place[1]);
                assertThat(before == null ? 0 : before).as("bucket %d", bucket).isLessThan(place[1]);
            }
        }
    }

    /**
     * The successor that adopts a bucket's timers builds each firing's dedupe key from the due time it reads
     * here; it must be the very instant the setting instance holds (JDK clocks give nanoseconds), or a timer
     * fired again after a takeover would look new instead of a flagged repeat.
     */
    @Test
    void anAdoptedTimerIsDueAtTheVeryInstantItWasSetFor(TestPostgres postgres) throws Exception {
        String url = postgres.newDatabase();
        Instant due = Instant.parse("2026-12-01T10:00:02.123456789Z");
        dev.baton.event.ConversationKey key = new dev.baton.event.ConversationKey("100", "u1");
        try (PostgresStores a = open(url, postgres, "a")) {
            a.store().putTimer(new StoredTimer("app", key, "nudge", due));
            a.journal().schedule(new StoredTimer("app", new dev.baton.event.ConversationKey("100", "u2"), "ping",
                    due.plusNanos(1)));
        }
        try (PostgresStores b = open(url, postgres, "b")) {
            assertThat(b.store().timers()).extracting(StoredTimer::dueAt)
                    .containsExactly(due, due.plusNanos(1));
        }
    }
}
