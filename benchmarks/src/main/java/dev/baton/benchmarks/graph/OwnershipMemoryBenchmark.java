package dev.baton.benchmarks.graph;

import dev.baton.event.Channel;
import dev.baton.event.EventHeader;
import dev.baton.event.Message;
import dev.baton.event.MessageEvent;
import dev.baton.ownership.OwnershipTracker;
import dev.baton.spi.AppRole;
import dev.baton.spi.HostedApp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.util.List;

/**
 * Heap per conversation the {@link OwnershipTracker} remembers: used heap after a full GC, before and after
 * learning the owner of N conversations (15- and 16-digit PSIDs, as Meta issues them), divided by N. The
 * store is a discarding one so that only the tracker's memory is counted.
 *
 * <p>{@code java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.baton.benchmarks.graph.OwnershipMemoryBenchmark
 * [conversations=1000000]}
 */
public final class OwnershipMemoryBenchmark {

    private OwnershipMemoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int conversations = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        HostedApp marketing = new HostedApp("marketing", "2262510160704936", AppRole.MARKETING);
        HostedApp defaultApp = new HostedApp("default", "1517776481860111", AppRole.DEFAULT);
        OwnershipTracker tracker = new OwnershipTracker("104508901353867", defaultApp.appId(),
                List.of(marketing.appId(), defaultApp.appId()), new DiscardingConversationStore(null),
                Clock.systemUTC(), new SimpleMeterRegistry());
        // Warm the code paths and the app table before measuring.
        learn(tracker, marketing, defaultApp, 0, 1000);
        long before = usedAfterGc();
        learn(tracker, marketing, defaultApp, 1000, conversations);
        long after = usedAfterGc();
        double perConversation = (after - before) / (double) (conversations - 1000);
        System.out.printf("%d conversations tracked: %.1f bytes of heap per conversation (used heap %d MB -> %d MB)%n",
                tracker.trackedConversations(), perConversation, before >> 20, after >> 20);
        if (tracker.trackedConversations() != conversations) {
            throw new IllegalStateException("tracker lost conversations");
        }
    }

    private static void learn(OwnershipTracker tracker, HostedApp marketing, HostedApp defaultApp, int from, int to) {
        long now = System.currentTimeMillis();
        for (int i = from; i < to; i++) {
            String psid = Long.toString(5_794_982_867_201_265L + i * 7919L);
            EventHeader header = new EventHeader("104508901353867", psid, "104508901353867", now,
                    i % 3 == 0 ? Channel.STANDBY : Channel.MESSAGING);
            tracker.beforeHandle(i % 2 == 0 ? marketing : defaultApp, new MessageEvent(header, Message.text("mid." + i, "hi")));
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
