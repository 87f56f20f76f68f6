package dev.baton.store.sqlite;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes committed groups durable and only then completes their futures. The writer commits without syncing
 * ({@code synchronous=NORMAL}) and hands each group over in commit order; this thread syncs the write-ahead
 * log once for every group committed before the sync began (one {@code fdatasync} covers all of them), then
 * completes the futures in commit order. So the writer runs the next group's SQL while the disk syncs the
 * last one, and a future still completes only after the commit that holds its write is on disk.
 *
 * <p>When the sync fails, the writes it covered are committed but not known durable: their futures fail (an
 * append is answered 503 and Meta retries; the journaled copy is replayed at the next start and the dedupe
 * keys drop the repeat).
 */
final class WalSyncer implements AutoCloseable {

    /** One durable flush of the write-ahead log (fdatasync of the {@code -wal} file). */
    @FunctionalInterface
    interface Sync {
        void sync() throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(WalSyncer.class);

    private final Sync sync;
    private final Runnable afterTaking;
    private final BlockingQueue<WrittenGroup> queue = new LinkedBlockingQueue<>();
    private final ExecutorService acknowledger;
    private final Thread thread;
    private final Timer syncTimer;
    private final DistributionSummary writesPerSync;

    /** {@code afterTaking} runs each time the syncer has taken every waiting group, before it syncs. */
    WalSyncer(Sync sync, String name, MeterRegistry registry, Runnable afterTaking) {
        this.sync = sync;
        this.afterTaking = afterTaking;
        this.syncTimer = Timer.builder("baton.sqlite.sync").description("One sync of the write-ahead log")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.writesPerSync = DistributionSummary.builder("baton.sqlite.sync.writes")
                .description("Writes made durable by one sync").register(registry);
        Gauge.builder("baton.sqlite.sync.queue", queue, BlockingQueue::size)
                .description("Committed groups waiting for the next sync").register(registry);
        this.acknowledger = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, name + "-ack"));
        this.thread = daemon(this::run, name + "-sync");
        thread.start();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** True when no committed group waits for a sync (the syncer took them all). */
    boolean nothingWaiting() {
        return queue.isEmpty();
    }

    /** Called by the writer, in commit order. */
    void hand(WrittenGroup group) {
        queue.add(group);
    }

    private void run() {
        List<WrittenGroup> groups = new ArrayList<>();
        while (true) {
            try {
                groups.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(groups);
            afterTaking.run();
            boolean stop = groups.removeIf(group -> group == WrittenGroup.STOP);
            // Groups holding only writes nobody waits on (marking done) skip the sync: the next one covers them.
            Throwable failure = groups.stream().anyMatch(WrittenGroup::needsSync) ? syncNow(groups) : null;
            List<Runnable> offThread = new ArrayList<>();
            for (WrittenGroup group : groups) {
                complete(group, failure, offThread);
            }
            if (!offThread.isEmpty()) {
                acknowledger.execute(() -> offThread.forEach(Runnable::run));
            }
            groups.clear();
            if (stop) {
                return;
            }
        }
    }

    /** Syncs; returns the failure to give the covered writes, or null. */
    private Throwable syncNow(List<WrittenGroup> groups) {
        Timer.Sample sample = Timer.start();
        try {
            sync.sync();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Syncing the SQLite write-ahead log failed ({}); the writes it covered are refused",
                    e.getClass().getName());
            return new SqliteStoreException("could not sync the write-ahead log: " + e.getClass().getName(), e);
        }
        sample.stop(syncTimer);
        writesPerSync.record(groups.stream().mapToInt(group -> group.writes().size()).sum());
        return null;
    }

    private static void complete(WrittenGroup group, Throwable syncFailure, List<Runnable> offThread) {
        for (int i = 0; i < group.writes().size(); i++) {
            PendingWrite<?> write = group.writes().get(i);
            Throwable failure = group.failures()[i] != null ? group.failures()[i] : syncFailure;
            Runnable completion = write.completion(group.results()[i], failure);
            if (write.acknowledgeOffThread()) {
                offThread.add(completion);
            } else {
                completion.run();
            }
        }
    }

    /** Call after the writer stopped: syncs and completes what was handed over, then stops. */
    @Override
    public void close() {
        queue.add(WrittenGroup.STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        acknowledger.shutdown();
    }
}
