package dev.baton.store.postgres;

import static dev.baton.testing.TestEvents.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dispatch.DispatchTarget;
import dev.baton.dispatch.Dispatcher;
import dev.baton.event.ConversationKey;
import dev.baton.event.MessageEvent;
import dev.baton.spi.AppRole;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestEvents;
import dev.baton.testkit.PostgresExtension;
import dev.baton.testkit.TestPostgres;
import dev.baton.webhook.WebhookWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances (stores + dispatchers) on one database, in one JVM: each conversation runs on the instance
 * holding its bucket, whichever instance journaled its events, in order; a "killed" instance's buckets (and
 * the events it had journaled and not handled) move to the survivor, and its timers fire there once.
 */
@ExtendWith(PostgresExtension.class)
class PostgresDispatchTest {

    private static final HostedApp SHOP = new HostedApp("shop", "111", AppRole.DEFAULT);

    /** What one handler saw: which instance, which message, flagged or not. */
    record Seen(String instance, String user, String mid, boolean redelivered) {}

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<String> timersFired = new CopyOnWriteArrayList<>();

    private final class Instance implements AutoCloseable {
        final PostgresStores stores;
        final Dispatcher dispatcher;

        Instance(String url, TestPostgres postgres, String id) {
            stores = PostgresStores.open(PostgresSettings.of(url, postgres.user(), postgres.password())
                    .withBuckets(8).withLeaseTtl(Duration.ofSeconds(2)).withPoolSize(6).withInstanceId(id),
                    new SimpleMeterRegistry(), Clock.systemUTC());
            ConversationApp app = new ConversationApp() {
                @Override
                public void onMessage(MessageEvent event, Conversation conversation) {
                    seen.add(new Seen(id, event.conversation().userId(), event.message().mid(),
                            conversation.redelivered()));
                    if (event.message().text().equals("remind")) {
                        conversation.schedule("nudge", Instant.now().plusSeconds(3));
                    }
                }

                @Override
                public void onTimer(String name, Conversation conversation) {
                    timersFired.add(id + ":" + conversation.key().userId() + ":" + name);
                }
            };
            dispatcher = Dispatcher.builder().target(new DispatchTarget(SHOP, app, new RecordingOutbound()))
                    .journal(stores.journal()).store(stores.store()).registry(new SimpleMeterRegistry()).build();
            dispatcher.start();
        }

        void append(String user, String mid, String text) {
            stores.journal().append("shop", new WebhookWriter().write(TestEvents.batch(message("100", user, mid,
                    text, 1))), Instant.now(), 1).join();
        }

        @Override
        public void close() {
            dispatcher.close();
            stores.close();
        }
    }

    @Test
    void eachConversationRunsOnItsBucketsHolderInOrderAndMovesWhenTheHolderDies(TestPostgres postgres)
            throws Exception {
        String url = postgres.newDatabase();
        Instance a = new Instance(url, postgres, "a");
        try (Instance b = new Instance(url, postgres, "b")) {
            PostgresStoresTest.waitUntil(() -> a.stores.heldBuckets().size() == 4
                    && b.stores.heldBuckets().size() == 4);
            List<String> users = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                users.add("u" + i);
            }
            // Every other message is journaled by the other instance (a round-robin load balancer).
            for (int n = 0; n < 10; n++) {
                for (String user : users) {
                    (n % 2 == 0 ? a : b).append(user, user + "-" + n, n == 9 ? "remind" : "hi");
                }
            }
            PostgresStoresTest.waitUntil(() -> seen.size() >= 120);
            for (Seen one : seen) {
                Instance holder = a.stores.heldBuckets().contains(a.stores.bucketOf(new ConversationKey("100",
                        one.user()))) ? a : b;
                assertThat(one.instance()).isEqualTo(holder.stores.instanceId());
                assertThat(one.redelivered()).isFalse();
            }
            assertOrdered(users, 10);

            // a dies (no hand-back): b takes its buckets within two lease TTLs and runs a's conversations.
            a.stores.leases().stopRenewingForTest();
            a.dispatcher.close();
            PostgresStoresTest.waitUntil(() -> b.stores.heldBuckets().size() == 8);
            for (String user : users) {
                b.append(user, user + "-10", "hi");
            }
            PostgresStoresTest.waitUntil(() -> seen.size() >= 132);
            assertOrdered(users, 11);
            // The "remind" timers: each fires once, on whichever instance holds the bucket at its due time.
            PostgresStoresTest.waitUntil(() -> timersFired.size() >= 12);
            Thread.sleep(500);
            assertThat(timersFired).hasSize(12).doesNotHaveDuplicates();
            assertThat(timersFired).allMatch(fired -> fired.startsWith("b:"));
        } finally {
            try {
                a.stores.close();
            } catch (RuntimeException e) {
                // already half-closed as a "killed" instance
            }
        }
        assertThat(timersFired).hasSize(12);
    }

    private void assertOrdered(List<String> users, int count) {
        Map<String, List<String>> byUser = new HashMap<>();
        for (Seen one : seen) {
            byUser.computeIfAbsent(one.user(), u -> new ArrayList<>()).add(one.mid());
        }
        for (String user : users) {
            List<String> expected = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                expected.add(user + "-" + n);
            }
            assertThat(byUser.get(user)).as(user).containsExactlyElementsOf(expected);
        }
    }
}
