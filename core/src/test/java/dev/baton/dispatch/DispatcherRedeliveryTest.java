package dev.baton.dispatch;

import static dev.baton.testing.TestEvents.message;
import static dev.baton.testing.TestEvents.passedTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.ConversationKey;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.WebhookBatch;
import dev.baton.spi.AppRole;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.ConversationStore.StoredTimer;
import dev.baton.spi.HostedApp;
import dev.baton.store.memory.InMemoryConversationStore;
import dev.baton.store.memory.InMemoryEventJournal;
import dev.baton.testing.MutableClock;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestEvents;
import dev.baton.webhook.WebhookWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The crash window between a claim and {@code markDone}, simulated: the journal holds an event not marked
 * done and the store holds its key, claimed either by that same journal entry (the previous run was
 * handing it over when it died: handed over again, flagged) or by another one (Meta's repeat: dropped).
 */
class DispatcherRedeliveryTest {

    private static final HostedApp SHOP = new HostedApp("shop", "111", AppRole.DEFAULT);
    private static final ConversationKey ALICE = new ConversationKey("100", "alice");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final WebhookWriter writer = new WebhookWriter();
    private final InMemoryEventJournal journal = new InMemoryEventJournal();
    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FlagRecordingApp app = new FlagRecordingApp();
    private final MutableClock clock = new MutableClock(T0);
    private Dispatcher dispatcher;

    /** Records "what:redelivered" for messages, handovers and timers. */
    static final class FlagRecordingApp extends CallRecordingApp {
        final List<String> flags = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(MessageEvent event, Conversation conversation) {
            flags.add(event.message().mid() + ":" + conversation.redelivered());
        }

        @Override
        public void onHandover(HandoverEvent event, Conversation conversation) {
            flags.add("handover:" + conversation.redelivered());
        }

        @Override
        public void onTimer(String timerName, Conversation conversation) {
            flags.add(timerName + ":" + conversation.redelivered());
        }
    }

    private long journal(WebhookBatch batch) {
        return journal.append("shop", writer.write(batch), Instant.EPOCH, batch.events().size()).join();
    }

    private void start() {
        dispatcher = Dispatcher.builder().target(new DispatchTarget(SHOP, app, new RecordingOutbound()))
                .journal(journal).store(store).clock(clock).registry(registry).build();
        dispatcher.start();
        assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    private double counter(String name) {
        var counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    @Test
    void anEventClaimedByItsOwnJournalEntryIsHandedOverAgainFlagged() {
        long batch = journal(TestEvents.batch(message("100", "alice", "m1", "a", 1),
                message("100", "alice", "m2", "b", 2)));
        assertThat(store.claim("shop", "message:m1", Deduplicator.entry(batch, 0)))
                .isEqualTo(ConversationStore.Claim.NEW); // the run that died got this far with m1

        start();

        assertThat(app.flags).containsExactly("m1:true", "m2:false");
        assertThat(journal.pending()).isEmpty();
        assertThat(counter("baton.dispatch.redelivered")).isEqualTo(1);
        assertThat(counter("baton.dispatch.duplicates")).isZero();
    }

    @Test
    void anEventClaimedByAnotherJournalEntryIsMetasRepeatAndDropped() {
        long earlier = journal(TestEvents.batch(message("100", "alice", "m1", "a", 1)));
        journal.markDone(earlier, 0);
        store.claim("shop", "message:m1", Deduplicator.entry(earlier, 0)); // handled and done before the crash
        journal(TestEvents.batch(message("100", "alice", "m1", "a", 1), message("100", "alice", "m2", "b", 2)));

        start();

        assertThat(app.flags).containsExactly("m2:false");
        assertThat(journal.pending()).isEmpty();
        assertThat(counter("baton.dispatch.duplicates")).isEqualTo(1);
        assertThat(counter("baton.dispatch.redelivered")).isZero();
    }

    @Test
    void eventsWithoutANaturalKeyAreFlaggedOnlyWhenTheirEntryWasClaimed() {
        long batch = journal(TestEvents.batch(passedTo("100", "alice", "222", "111", "hi", 1),
                passedTo("100", "alice", "222", "111", "again", 2)));
        store.claim("shop", "entry:" + Deduplicator.entry(batch, 0), Deduplicator.entry(batch, 0));

        start();

        assertThat(app.flags).containsExactly("handover:true", "handover:false");
    }

    @Test
    void liveEventsAreNeverFlaggedAndTheirRepeatsAreDropped() {
        start();
        long first = journal(TestEvents.batch(message("100", "alice", "m1", "a", 1)));
        dispatcher.enqueue("shop", TestEvents.batch(message("100", "alice", "m1", "a", 1)), first,
                dispatcher.admit(1));
        long repeat = journal(TestEvents.batch(message("100", "alice", "m1", "a", 1)));
        dispatcher.enqueue("shop", TestEvents.batch(message("100", "alice", "m1", "a", 1)), repeat,
                dispatcher.admit(1));
        // A live event whose key its own entry token already holds: only a journal reusing ids can do that.
        store.claim("shop", "message:m9", Deduplicator.entry(99, 0));
        dispatcher.enqueue("shop", TestEvents.batch(message("100", "alice", "m9", "c", 3)), 99, dispatcher.admit(1));
        assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(app.flags).containsExactly("m1:false");
        assertThat(counter("baton.dispatch.duplicates")).isEqualTo(2);
    }

    @Test
    void aTimerFiringAPreviousRunHadStartedIsFlagged() {
        StoredTimer interrupted = new StoredTimer("shop", ALICE, "interrupted", T0.plus(Duration.ofMinutes(1)));
        StoredTimer fresh = new StoredTimer("shop", ALICE, "fresh", T0.plus(Duration.ofMinutes(2)));
        store.putTimer(interrupted);
        store.putTimer(fresh);
        String firing = TimerFiring.firingKey(interrupted);
        store.claim("shop", firing, firing); // the run that died had started this firing

        clock.advance(Duration.ofMinutes(5));
        start();

        assertThat(app.flags).containsExactly("interrupted:true", "fresh:false");
        assertThat(store.timers()).isEmpty();
        assertThat(counter("baton.dispatch.redelivered")).isEqualTo(1);
    }
}
