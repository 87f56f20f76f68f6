package dev.baton.dispatch;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time per key, in submission order, and different keys in parallel on a shared
 * executor. A lane exists only while it has work: the runner that finds its lane empty retires it, so idle
 * keys cost nothing. Thread-safe.
 *
 * <p>Each lane guards its queue with its own monitor. Retiring is one step under that monitor (the queue is
 * empty, so the lane is marked retired), and only then does the lane leave the map; a submit that meets a
 * retired lane helps remove it and starts a fresh one. So at most one live lane, and one runner, exists per
 * key, and a fresh lane starts only after the retired one's last task has finished: FIFO per key holds. The
 * common path costs a lock-free map read, one map insert and one removal per lane, and no allocation beyond
 * the lane (a single queued task needs no queue). A runner takes at most {@link #BURST} tasks before going
 * back to the executor's queue, so one busy conversation cannot hold a worker while others wait.
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
        Lane lane = lanes.get(key);
        while (true) {
            if (lane == null) {
                Lane fresh = new Lane(key, task);
                lane = lanes.putIfAbsent(key, fresh);
                if (lane == null) {
                    executor.execute(fresh);
                    return;
                }
            }
            if (lane.offer(task)) {
                return;
            }
            lanes.remove(key, lane); // retired and about to leave: help it out, then take its place
            lane = lanes.get(key);
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
        private Runnable first; // guarded by this, like the fields below: the next task when more is empty
        private ArrayDeque<Runnable> more; // made when a second task queues up
        private boolean retired;

        Lane(K key, Runnable first) {
            this.key = key;
            this.first = first;
        }

        /** Queues {@code task}, or returns false when this lane has retired (the caller starts a fresh one). */
        synchronized boolean offer(Runnable task) {
            if (retired) {
                return false;
            }
            if (first == null && (more == null || more.isEmpty())) {
                first = task;
            } else {
                if (more == null) {
                    more = new ArrayDeque<>();
                }
                more.addLast(task);
            }
            return true;
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

        /** The next task, or null after retiring this lane and taking it out of the map. */
        private Runnable next() {
            synchronized (this) {
                Runnable task = first;
                if (task != null) {
                    first = null;
                    return task;
                }
                task = more == null ? null : more.pollFirst();
                if (task != null) {
                    return task;
                }
                retired = true;
            }
            lanes.remove(key, this);
            return null;
        }
    }
}
