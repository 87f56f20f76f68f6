package dev.baton.benchmarks.webhook;

import dev.baton.event.MessageEvent;
import dev.baton.event.Platform;
import dev.baton.event.WebhookEvent;
import dev.baton.testing.TestEvents;
import dev.baton.webhook.WebhookParseException;
import dev.baton.webhook.WebhookParser;
import dev.baton.webhook.WebhookWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@link WebhookParser#parse} cost in the parsing thread's own CPU time and allocated bytes, on the bodies
 * {@link WebhookParseBenchmark} uses. On a machine shared with other work, JMH's wall-clock figures move with
 * the load (a descheduled thread still "takes" time); the thread's CPU time barely does. Twelve rounds,
 * the first four discarded as warm-up; prints the minimum and median of the rest.
 *
 * <pre>taskset -c 1 java -cp benchmarks/target/benchmarks.jar dev.baton.benchmarks.webhook.WebhookParseCpuTime</pre>
 */
public final class WebhookParseCpuTime {

    private static final int BODIES = 1_024;

    private WebhookParseCpuTime() {}

    public static void main(String[] args) throws WebhookParseException {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        WebhookParser parser = new WebhookParser();
        long sink = 0;
        for (int events : new int[] {1, 10}) {
            byte[][] bodies = bodies(events);
            List<Double> nanos = new ArrayList<>();
            long allocated = 0;
            int perRound = 200_000 / events;
            for (int round = 0; round < 12; round++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long bytes = threads.getThreadAllocatedBytes(self);
                for (int i = 0; i < perRound; i++) {
                    sink += parser.parse(bodies[i & (BODIES - 1)]).entries().size();
                }
                if (round >= 4) {
                    nanos.add((threads.getCurrentThreadCpuTime() - cpu) / (double) perRound);
                    allocated = (threads.getThreadAllocatedBytes(self) - bytes) / perRound;
                }
            }
            Collections.sort(nanos);
            System.out.printf(Locale.ROOT, "parse, %2d event(s): CPU min %,.0f ns, median %,.0f ns; %,d B allocated%n",
                    events, nanos.get(0), nanos.get(nanos.size() / 2), allocated);
        }
        System.out.println("(entries parsed: " + sink + ")");
    }

    static byte[][] bodies(int eventsPerBatch) {
        WebhookWriter writer = new WebhookWriter();
        byte[][] bodies = new byte[BODIES][];
        for (int b = 0; b < BODIES; b++) {
            List<WebhookEvent> events = new ArrayList<>();
            for (int e = 0; e < eventsPerBatch; e++) {
                MessageEvent message = TestEvents.message("1234567890", "2468135791357" + (b * 10 + e),
                        "m_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_" + b + "_" + e,
                        "Hello, is this still available?", 1_700_000_000_000L + b);
                events.add(message);
            }
            bodies[b] = writer.write(TestEvents.batch(Platform.MESSENGER, events));
        }
        return bodies;
    }
}
