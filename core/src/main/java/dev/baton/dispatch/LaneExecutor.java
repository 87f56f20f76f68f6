package dev.baton.dispatch;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 *
 * <p>A task may have to wait for something outside (an event's dedupe claim becoming durable) before the rest
 * of its work: a {@link Step} returns a stage instead of blocking its thread. The lane then holds its place
 * (its later tasks stay queued behind it, FIFO still holds) and gives its thread back; once the stage
 * completes, the lane goes back to the executor and runs the rest first. So a handful of threads serve any
 * number of conversations that wait on the disk, and waits of many lanes share one sync.
 */
final class LaneExecutor<K> {

    static final int BURST = 16;
    private static final Runnable NOTHING = () -> { };
    private static final Logger LOG = LoggerFactory.getLogger(LaneExecutor.class);

    private final ConcurrentHashMap<K, Lane> lanes = new ConcurrentHashMap<>();
    private final Executor executor;
    private volatile boolean stopped;

    LaneExecutor(Executor executor) {
        this.executor = requireNonNull(executor, "executor is null");
    }

    /**
     * Lane work that may have to wait without holding a thread: returns null when it is finished, or a stage
     * that completes with the rest of the work, which runs in the lane before the lane's next task. The stage
     * should not complete exceptionally; if it does, the failure is logged and the lane goes on.
     */
    interface Step {
        /**
         * {@code onCaller}: true when the step runs on the submitting thread (see {@link #submitStep(Object,
         * Step, boolean)}); it must then return a stage rather than do blocking work itself.
         */
        CompletionStage<Runnable> run(boolean onCaller);
    }

    /** Queues {@code task} behind the other tasks of {@code key}. */
    void submit(K key, Runnable task) {
        requireNonNull(task, "task is null");
        submitStep(key, onCaller -> {
            task.run();
            return null;
        });
    }

    /** Queues {@code step} behind the other tasks of {@code key}; see {@link Step}. */
    void submitStep(K key, Step task) {
        submitStep(key, task, false);
    }

    /**
     * Queues {@code step} behind the other tasks of {@code key}. With {@code startHere}, a step that finds its
     * lane idle runs on the calling thread instead of a worker, up to its wait: the caller promises that the
     * step does not block before it returns its stage (it only starts asynchronous work). The rest still runs
     * on a worker, so this saves waking a worker just to start the wait.
     */
    void submitStep(K key, Step task, boolean startHere) {
        requireNonNull(key, "key is null");
        requireNonNull(task, "task is null");
        Lane lane = lanes.get(key);
        while (true) {
            if (lane == null) {
                Lane fresh = new Lane(key, startHere ? null : task);
                lane = lanes.putIfAbsent(key, fresh);
                if (lane == null) {
                    if (startHere) {
                        fresh.startHere(task);
                    } else {
                        executor.execute(fresh);
                    }
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
        private Step first; // guarded by this, like the fields below: the next task when more is empty
        private ArrayDeque<Step> more; // made when a second task queues up
        private boolean retired;
        /**
         * The rest of a task whose stage completed, run before the next task. Written by the completing thread
         * before it hands the lane to the executor, read by the runner it starts: the hand-over orders them.
         */
        private Runnable resume;

        Lane(K key, Step first) {
            this.key = key;
            this.first = first;
        }

        /** Queues {@code task}, or returns false when this lane has retired (the caller starts a fresh one). */
        synchronized boolean offer(Step task) {
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
                Runnable rest = resume;
                if (rest != null) {
                    resume = null;
                    runSafely(rest);
                    continue;
                }
                Step task = next();
                if (task == null) {
                    return;
                }
                CompletionStage<Runnable> waiting;
                try {
                    waiting = task.run(false);
                } catch (RuntimeException | Error e) {
                    // Tasks handle their own failures; this only keeps a bug there from stalling the lane.
                    LOG.error("lane task failed unexpectedly ({})", e.getClass().getName());
                    continue;
                }
                if (waiting != null) {
                    CompletableFuture<Runnable> future = waiting.toCompletableFuture();
                    if (future.isDone() && !future.isCompletedExceptionally()) {
                        runSafely(future.join()); // already there: no hand-over
                        continue;
                    }
                    // Hold the lane's place without a thread: the rest runs once the stage completes.
                    waiting.whenComplete((next, failure) -> {
                        if (failure != null) {
                            LOG.error("lane task failed unexpectedly ({})", failure.getClass().getName());
                        }
                        resume = next != null ? next : NOTHING;
                        reschedule();
                    });
                    return;
                }
            }
            reschedule();
        }

        /**
         * Runs the lane's first step on the caller, up to its wait; the rest (and whatever queued meanwhile)
         * goes to a worker. No runner exists until then, so nothing else of this lane runs at the same time.
         */
        void startHere(Step task) {
            CompletionStage<Runnable> waiting;
            try {
                waiting = task.run(true);
            } catch (RuntimeException | Error e) {
                LOG.error("lane task failed unexpectedly ({})", e.getClass().getName());
                waiting = null;
            }
            if (waiting == null) {
                reschedule(); // a runner retires the lane, or runs what queued meanwhile
                return;
            }
            waiting.whenComplete((next, failure) -> {
                if (failure != null) {
                    LOG.error("lane task failed unexpectedly ({})", failure.getClass().getName());
                }
                resume = next != null ? next : NOTHING;
                reschedule();
            });
        }

        private void reschedule() {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                // The executor shut down: stop() was called or is about to be; the rest stays journaled.
            }
        }

        private void runSafely(Runnable task) {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("lane task failed unexpectedly ({})", e.getClass().getName());
            }
        }

        /** The next task, or null after retiring this lane and taking it out of the map. */
        private Step next() {
            synchronized (this) {
                Step task = first;
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
