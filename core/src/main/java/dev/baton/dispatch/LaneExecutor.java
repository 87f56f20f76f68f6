package dev.baton.dispatch;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time per key, in submission order, and different keys in parallel on a shared
 * executor. A lane exists only while it has work: the last task out removes it, so idle keys cost nothing.
 *
 * <p>Each lane's queue is only touched inside {@link ConcurrentHashMap#compute} for its key, which makes
 * "add a task" and "take the next task or retire the lane" atomic: at most one runner per key exists at any
 * time. A runner takes at most {@link #BURST} tasks before going back to the executor's queue, so one busy
 * conversation cannot hold a worker while others wait. Thread-safe.
 */
final class LaneExecutor<K> {

    static final int BURST = 16;
    private static final Logger LOG = LoggerFactory.getLogger(LaneExecutor.class);

    private final ConcurrentHashMap<K, Lane> lanes = new ConcurrentHashMap<>();
    private final Executor executor;
    private volatile boolean stopped;

    LaneExecutor(Executor executor) {
        this.executor = requireNonNull(executor, "executor is null");
    }

    /** Queues {@code task} behind the other tasks of {@code key}. */
    void submit(K key, Runnable task) {
        requireNonNull(key, "key is null");
        requireNonNull(task, "task is null");
        List<Lane> started = new ArrayList<>(1);
        lanes.compute(key, (k, lane) -> {
            Lane target = lane;
            if (target == null) {
                target = new Lane(k);
                started.add(target);
            }
            target.tasks.addLast(task);
            return target;
        });
        if (!started.isEmpty()) {
            executor.execute(started.get(0));
        }
    }

    /**
     * Stops running tasks: a runner finishes the task it is in and takes no more. Tasks left queued are
     * never run (their events stay in the journal for the next start).
     */
    void stop() {
        stopped = true;
    }

    /** Lanes with queued or running work. */
    int activeLanes() {
        return lanes.size();
    }

    private final class Lane implements Runnable {
        private final K key;
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        Lane(K key) {
            this.key = key;
        }

        @Override
        public void run() {
            for (int i = 0; i < BURST; i++) {
                if (stopped) {
                    return;
                }
                Runnable task = next();
                if (task == null) {
                    return;
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    // Tasks handle their own failures; this only keeps a bug there from stalling the lane.
                    LOG.error("lane task failed unexpectedly ({})", e.getClass().getName());
                }
            }
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                // The executor shut down: stop() was called or is about to be; the rest stays journaled.
            }
        }

        /** The next task, or null after retiring this lane (atomically with respect to submit). */
        private Runnable next() {
            Object[] taken = new Object[1];
            lanes.compute(key, (k, lane) -> {
                Runnable task = tasks.pollFirst();
                if (task == null) {
                    return null;
                }
                taken[0] = task;
                return lane;
            });
            return (Runnable) taken[0];
        }
    }
}
