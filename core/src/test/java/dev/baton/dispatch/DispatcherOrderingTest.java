package dev.baton.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.DispatchSettings;
import dev.baton.event.MessageEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.spi.AppRole;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;
import dev.baton.store.memory.InMemoryConversationStore;
import dev.baton.store.memory.InMemoryEventJournal;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class DispatcherOrderingTest {

    private static final int CONVERSATIONS = 500;
    private static final int EVENTS = 10_000;

    /** Counts what it sees per conversation and how many callbacks overlap. */
    static final class OrderApp implements ConversationApp {
        final Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final Map<String, AtomicInteger> perConversationInFlight = new ConcurrentHashMap<>();
        final AtomicInteger overlapsWithinConversation = new AtomicInteger();

        @Override
        public void onMessage(MessageEvent event, Conversation conversation) {
            String user = conversation.key().userId();
            AtomicInteger mine = perConversationInFlight.computeIfAbsent(user, u -> new AtomicInteger());
            if (mine.incrementAndGet() > 1) {
                overlapsWithinConversation.incrementAndGet();
            }
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            LockSupport.parkNanos(20_000); // a little work, so that lanes really overlap
            seen.computeIfAbsent(user, u -> Collections.synchronizedList(new ArrayList<>()))
                    .add(Integer.parseInt(event.message().text()));
            inFlight.decrementAndGet();
            mine.decrementAndGet();
        }
    }

    @Test
    void tenThousandEventsOverFiveHundredConversationsArriveInOrderOnceEach() {
        // Two hosted apps share the conversations: ordering holds across apps, not just within one.
        OrderApp first = new OrderApp();
        OrderApp second = first; // one shared record of what arrived, whichever app it was for
        InMemoryEventJournal journal = new InMemoryEventJournal();
        Dispatcher dispatcher = Dispatcher.builder()
                .target(new DispatchTarget(new HostedApp("first", "1", AppRole.DEFAULT), first, new RecordingOutbound()))
                .target(new DispatchTarget(new HostedApp("second", "2", AppRole.CUSTOM), second, new RecordingOutbound()))
                .journal(journal).store(new InMemoryConversationStore()).registry(new SimpleMeterRegistry())
                .settings(DispatchSettings.DEFAULTS.withWorkers(4).withMaxQueuedEvents(EVENTS))
                .build();
        dispatcher.start();

        // Per conversation a sequence 0..19; the global order interleaves conversations at random.
        Random random = new Random(42);
        int[] next = new int[CONVERSATIONS];
        List<Integer> bag = new ArrayList<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            for (int i = 0; i < EVENTS / CONVERSATIONS; i++) {
                bag.add(c);
            }
        }
        Collections.shuffle(bag, random);
        List<WebhookEvent> stream = new ArrayList<>();
        for (int c : bag) {
            int seq = next[c]++;
            stream.add(TestEvents.message("100", "user" + c, "m-" + c + "-" + seq, Integer.toString(seq), 1_000L + seq));
        }

        int position = 0;
        while (position < stream.size()) {
            int size = Math.min(1 + random.nextInt(12), stream.size() - position);
            List<WebhookEvent> slice = stream.subList(position, position + size);
            String app = random.nextBoolean() ? "first" : "second";
            Admission admission = dispatcher.admit(size);
            assertThat(admission.accepted()).isTrue();
            long id = journal.append(app, new byte[0], java.time.Instant.EPOCH, size).join();
            dispatcher.enqueue(app, TestEvents.batch(dev.baton.event.Platform.MESSENGER, slice), id, admission);
            position += size;
        }
        assertThat(dispatcher.drain(Duration.ofSeconds(60))).isTrue();
        dispatcher.close();

        List<Integer> total = new ArrayList<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            List<Integer> arrived = first.seen.getOrDefault("user" + c, List.of());
            // In arrival order, every sequence number exactly once, whichever app each event was for.
            assertThat(arrived).containsExactlyElementsOf(range(EVENTS / CONVERSATIONS));
            total.addAll(arrived);
        }
        assertThat(total).hasSize(EVENTS);
        assertThat(first.overlapsWithinConversation).hasValue(0);
        assertThat(first.maxInFlight.get()).isGreaterThan(1);
        assertThat(journal.size()).isZero(); // every event marked done
        assertThat(dispatcher.handledEvents()).isEqualTo(EVENTS);
    }

    private static List<Integer> range(int n) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }
}
