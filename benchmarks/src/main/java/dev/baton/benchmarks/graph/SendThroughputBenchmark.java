package dev.baton.benchmarks.graph;

import dev.baton.event.ConversationKey;
import dev.baton.event.Platform;
import dev.baton.graph.GraphClient;
import dev.baton.graph.GraphCredentials;
import dev.baton.graph.GraphOutboundFactory;
import dev.baton.config.GraphSettings;
import dev.baton.graph.GraphTuning;
import dev.baton.graph.error.GraphException;
import dev.baton.graph.error.RateLimitedException;
import dev.baton.send.SendRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sustained Send API throughput against a loopback fake that enforces the Page limit (sliding one-second
 * window, 613 beyond it), reported as a fraction of the limit. No retries, so every 613 is counted.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.baton.benchmarks.graph.SendThroughputBenchmark
 * [limit=300] [seconds=10] [threads=64] [start:<slack-ms>]}
 */
public final class SendThroughputBenchmark {

    private SendThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        // "start:<ms>" paces from each call's start with that slack instead of from its end
        GraphTuning tuning = args.length > 3 && args[3].startsWith("start:")
                ? GraphTuning.DEFAULTS.withPacingFromCallStart(Duration.ofMillis(Long.parseLong(args[3].substring(6))))
                : GraphTuning.DEFAULTS;
        try (RateLimitedFakeGraph fake = new RateLimitedFakeGraph(limit)) {
            GraphSettings settings = new GraphSettings(fake.baseUrl(), "v24.0", "send-api", Duration.ofSeconds(5),
                    Duration.ofSeconds(30), limit, 10, 10_000, 0, "enforce");
            GraphOutboundFactory factory = new GraphOutboundFactory(settings, tuning, "1000",
                    Platform.MESSENGER, Map.of("111", new GraphCredentials("111", "bench-token", "bench-secret")), "111",
                    new DiscardingConversationStore(null), Clock.systemUTC(), new SimpleMeterRegistry());
            GraphClient client = factory.client("111");
            run(client, threads, 3, new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()); // warm up
            long acceptedBefore = fake.accepted();
            long rejectedBefore = fake.rejected();
            fake.takeLongestPauseMillis();
            AtomicLong sent = new AtomicLong();
            AtomicLong limited = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            AtomicLong sentInWindow = new AtomicLong();
            double elapsed = run(client, threads, seconds, sent, limited, failed, sentInWindow);
            double perSecond = sentInWindow.get() / elapsed;
            System.out.printf("pacing from call %s; ", tuning.paceFromCallStart() ? "start + " + tuning.rateSlack().toMillis()
                    + " ms" : "end");
            System.out.printf("limit %d/s, %d threads, %.1f s: %d sends ok, %.1f sends/s = %.4f of the limit; "
                    + "613 answers: %d (fake counted %d accepted, %d rejected); other failures: %d; "
                    + "longest pause between arrivals %d ms; load average %.1f%n", limit, threads, elapsed,
                    sentInWindow.get(), perSecond, perSecond / limit, limited.get(), fake.accepted() - acceptedBefore,
                    fake.rejected() - rejectedBefore, failed.get(), fake.takeLongestPauseMillis(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Sends for {@code seconds}; returns the measured seconds, with the sends completed within them. */
    private static double run(GraphClient client, int threads, int seconds, AtomicLong sent, AtomicLong limited,
            AtomicLong failed, AtomicLong sentInWindow) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        List<Runnable> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            workers.add(() -> {
                long n = 0;
                while (!stop.get()) {
                    // a different conversation per send, so per-conversation ordering does not serialise them
                    ConversationKey key = new ConversationKey("1000", Long.toString(1_000_000L * (worker + 1) + n++));
                    try {
                        client.send(key, SendRequest.text("benchmark"));
                        sent.incrementAndGet();
                    } catch (RateLimitedException e) {
                        limited.incrementAndGet();
                    } catch (GraphException e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        long start = System.nanoTime();
        workers.forEach(pool::execute);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        stop.set(true);
        sentInWindow.set(sent.get());
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        return elapsed;
    }
}
