package dev.baton.emulator.console;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;

/**
 * What changed in the emulator, for the console's Server-Sent Events: each event names what to read again
 * ({@code thread} with page and psid, {@code delivery} with app and sequence, {@code page}, {@code clock},
 * {@code faults}), never the data itself, so a console that missed events only needs one fresh read.
 *
 * <p>Publishing is called on the routing engine's lock and on delivery threads, so it never blocks: each
 * subscriber has a bounded queue, and one that falls behind gets a single {@code resync} instead of what
 * did not fit. Thread-safe.
 */
public final class ConsoleFeed implements AutoCloseable {

    private static final int QUEUE_SIZE = 512;
    private static final String CLOSED = "";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();
    private volatile boolean closed;

    /** One listening console: its events in order, as JSON text. */
    public final class Subscription implements AutoCloseable {
        private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_SIZE);
        private volatile boolean overflowed;

        private void offer(String event) {
            if (!queue.offer(event)) {
                overflowed = true;
            }
        }

        /** The next event, null after {@code wait} without one; throws once the feed was closed. */
        public String next(Duration wait) throws InterruptedException {
            if (overflowed) {
                overflowed = false;
                queue.clear();
                return "{\"type\":\"resync\"}";
            }
            String event = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (event == CLOSED) {
                throw new InterruptedException("the emulator is closing");
            }
            return event;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    public Subscription subscribe() {
        Subscription subscription = new Subscription();
        subscriptions.add(subscription);
        if (closed) {
            subscription.offer(CLOSED);
        }
        return subscription;
    }

    public int subscribers() {
        return subscriptions.size();
    }

    public void thread(String pageId, String psid) {
        if (psid == null) {
            publish(Map.of("type", "page", "page_id", pageId));
        } else {
            publish(Map.of("type", "thread", "page_id", pageId, "psid", psid));
        }
    }

    public void delivery(String appId, long sequence) {
        publish(Map.of("type", "delivery", "app_id", appId, "sequence", sequence));
    }

    public void clock() {
        publish(Map.of("type", "clock"));
    }

    public void faults() {
        publish(Map.of("type", "faults"));
    }

    private void publish(Map<String, Object> event) {
        if (subscriptions.isEmpty()) {
            return;
        }
        String json;
        try {
            json = MAPPER.writeValueAsString(new LinkedHashMap<>(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("console event not writable", e);
        }
        subscriptions.forEach(subscription -> subscription.offer(json));
    }

    /** Every subscriber's stream ends. */
    @Override
    public void close() {
        closed = true;
        subscriptions.forEach(subscription -> {
            subscription.queue.clear();
            subscription.offer(CLOSED);
        });
    }

    static byte[] sse(String data) {
        return ("data: " + data + "\n\n").getBytes(UTF_8);
    }
}
