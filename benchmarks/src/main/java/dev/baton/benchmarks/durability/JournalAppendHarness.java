package dev.baton.benchmarks.durability;

import dev.baton.spi.EventJournal;
import dev.baton.store.memory.InMemoryEventJournal;
import dev.baton.store.sqlite.SqliteStores;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Append throughput and latency of the durable journal (group commit) against the in-memory one, with N
 * threads each appending a typical one-event batch and waiting for it, as request threads do. Each append's
 * latency is recorded; the report gives appends/s and percentiles.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.baton.benchmarks.durability.JournalAppendHarness \
 *     --threads 64 --seconds 10 --journal sqlite|memory|both [--dir /tmp]
 * </pre>
 */
public final class JournalAppendHarness {

    private static final byte[] BODY = ("{\"object\":\"page\",\"entry\":[{\"id\":\"1234567890\",\"time\":1700000000000,"
            + "\"messaging\":[{\"sender\":{\"id\":\"24681357913579\"},\"recipient\":{\"id\":\"1234567890\"},"
            + "\"timestamp\":1700000000000,\"message\":{\"mid\":\"m_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789\","
            + "\"text\":\"Hello, is this still available?\"}}]}]}").getBytes(StandardCharsets.UTF_8);

    private JournalAppendHarness() {}

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(option(args, "--threads", "64"));
        int seconds = Integer.parseInt(option(args, "--seconds", "10"));
        String journal = option(args, "--journal", "both");
        Path dir = Path.of(option(args, "--dir", System.getProperty("java.io.tmpdir")));
        System.out.printf("threads=%d seconds=%d body=%d bytes%n", threads, seconds, BODY.length);
        if (!journal.equals("sqlite")) {
            try (EventJournal memory = new InMemoryEventJournal()) {
                report("memory", run(memory, threads, seconds));
            }
        }
        if (!journal.equals("memory")) {
            Path file = Files.createTempFile(dir, "baton-journal-bench", ".db");
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (SqliteStores stores = SqliteStores.open(file, SqliteStores.Settings.defaults(), registry,
                    Clock.systemUTC())) {
                report("sqlite", run(stores.journal(), threads, seconds));
                printWriterFigures(registry);
            } finally {
                for (String suffix : new String[] {"", "-wal", "-shm"}) {
                    Files.deleteIfExists(Path.of(file + suffix));
                }
            }
        }
    }

    /** Commits and syncs since the store opened (warm-up included), which explain the throughput. */
    public static void printWriterFigures(MeterRegistry registry) {
        Timer commits = registry.get("baton.sqlite.commit").timer();
        DistributionSummary groups = registry.get("baton.sqlite.commit.group.size").summary();
        System.out.printf("        %,d commits, mean %.3f ms, max %.3f ms; writes per commit mean %.1f, max %.0f%n",
                commits.count(), commits.mean(TimeUnit.MILLISECONDS), commits.max(TimeUnit.MILLISECONDS),
                groups.mean(), groups.max());
        Timer syncs = registry.find("baton.sqlite.sync").timer();
        DistributionSummary perSync = registry.find("baton.sqlite.sync.writes").summary();
        if (syncs != null && perSync != null) {
            System.out.printf("        %,d syncs, mean %.3f ms, max %.3f ms; writes per sync mean %.1f, max %.0f%n",
                    syncs.count(), syncs.mean(TimeUnit.MILLISECONDS), syncs.max(TimeUnit.MILLISECONDS),
                    perSync.mean(), perSync.max());
        }
    }

    static Result run(EventJournal journal, int threads, int seconds) throws InterruptedException {
        // warm-up: a second of the same load, not measured
        measure(journal, threads, 1);
        return measure(journal, threads, seconds);
    }

    private static Result measure(EventJournal journal, int threads, int seconds) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            new Thread(() -> {
                long[] mine = new long[1 << 16];
                int count = 0;
                while (!stop.get()) {
                    long start = System.nanoTime();
                    journal.append("bench", BODY, Instant.now()).join();
                    if (count == mine.length) {
                        mine = Arrays.copyOf(mine, mine.length * 2);
                    }
                    mine[count++] = System.nanoTime() - start;
                }
                latencies[thread] = mine;
                counts[thread] = count;
                done.countDown();
            }, "append-" + t).start();
        }
        long began = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        double elapsed = (System.nanoTime() - began) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Result(total / elapsed, percentile(all, 0.50), percentile(all, 0.99), percentile(all, 0.999),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static void report(String name, Result result) {
        System.out.printf("%-7s %,10.0f appends/s   p50 %7.3f ms   p99 %7.3f ms   p99.9 %7.3f ms   max %7.3f ms%n",
                name, result.perSecond, result.p50, result.p99, result.p999, result.max);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    record Result(double perSecond, double p50, double p99, double p999, double max) {}
}
