package dev.baton.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dispatcher's bound on waiting work: {@code capacity} permits for webhook events (admitted, being
 * journaled, queued or running), and a depth count of everything not yet handled (timers included, which
 * hold no permit: they are bounded by the timers set). Waiting for the depth to reach zero is how drains
 * and tests know the dispatcher is idle. An event is counted out before its permit is given back, so the
 * depth of webhook events never reads above the capacity. Thread-safe.
 *
 * <p>A batch that finds no room may {@link #takeOrWait wait} for it, in arrival order: room given back goes to
 * the oldest waiter first, and while anyone waits a new batch queues behind instead of taking room ahead of
 * them. A waiter whose time runs out gets nothing and leaves.
 */
final class QueueBound {

    private final int capacity;
    private final Semaphore room;
    private final AtomicInteger depth = new AtomicInteger();
    private final Object idle = new Object();
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();

    QueueBound(int capacity) {
        this.capacity = capacity;
        this.room = new Semaphore(capacity);
    }

    /**
     * Takes room for {@code events} without blocking; returns the permits held (a batch bigger than the
     * whole capacity gets in when the queue is empty and holds all of it), or -1 when there is no room.
     */
    int tryTake(int events) {
        if (!waiters.isEmpty()) {
            return -1; // first come, first served
        }
        return takeNow(events);
    }

    private int takeNow(int events) {
        int permits = Math.min(events, capacity);
        if (!room.tryAcquire(permits)) {
            return -1;
        }
        depth.addAndGet(events);
        return permits;
    }

    /**
     * Takes room for {@code events} now, or waits in line for it without blocking the caller: the future
     * completes with the permits held, or with -1 once {@code timeoutNanos} have passed without room.
     * {@code timer} runs the time-out. Waiters are served as events finish, oldest first.
     */
    CompletableFuture<Integer> takeOrWait(int events, long timeoutNanos, ScheduledExecutorService timer) {
        int permits = tryTake(events);
        if (permits >= 0) {
            return CompletableFuture.completedFuture(permits);
        }
        Waiter waiter = new Waiter(events);
        waiters.add(waiter);
        try {
            timer.schedule(() -> {
                if (waiter.result.complete(-1)) {
                    serveWaiters(); // it may have been first in line
                }
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            waiter.result.complete(-1); // shutting down
        }
        serveWaiters(); // room may have come back between the try and joining the line
        return waiter.result;
    }

    /**
     * Gives room back to the waiters in line, oldest first, as far as it goes. Their futures complete after the
     * line's lock is let go: what a waiter does next (journal the batch) must not hold up the others.
     */
    private void serveWaiters() {
        List<Waiter> served = null;
        synchronized (waiters) {
            Waiter first;
            while ((first = waiters.peek()) != null) {
                if (first.result.isDone()) {
                    waiters.poll(); // timed out
                    continue;
                }
                int permits = takeNow(first.events);
                if (permits < 0) {
                    break;
                }
                waiters.poll();
                first.permits = permits;
                if (served == null) {
                    served = new ArrayList<>();
                }
                served.add(first);
            }
        }
        if (served != null) {
            for (Waiter waiter : served) {
                if (!waiter.result.complete(waiter.permits)) {
                    release(waiter.events, waiter.permits); // timed out meanwhile: give it back
                }
            }
        }
    }

    /** Batches waiting for room. */
    int waiting() {
        return waiters.size();
    }

    private static final class Waiter {
        final int events;
        int permits; // set under the line's lock, read after it by the same thread
        final CompletableFuture<Integer> result = new CompletableFuture<>();

        Waiter(int events) {
            this.events = events;
        }
    }

    /** Takes room for one event, waiting for it (start-up replay). */
    void takeOneWaiting() {
        room.acquireUninterruptibly();
        depth.incrementAndGet();
    }

    /** Counts in work that holds no permit (a due timer). */
    void countIn() {
        depth.incrementAndGet();
    }

    /** Counts {@code events} out and gives back {@code permits}. */
    void release(int events, int permits) {
        if (depth.addAndGet(-events) == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
        if (permits > 0) {
            room.release(permits);
            if (!waiters.isEmpty()) {
                serveWaiters();
            }
        }
    }

    int depth() {
        return depth.get();
    }

    /** Waits up to {@code timeout} for the depth to reach zero; true when it did. */
    boolean awaitEmpty(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (depth.get() > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    idle.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }
}
