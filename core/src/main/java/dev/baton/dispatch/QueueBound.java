package dev.baton.dispatch;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dispatcher's bound on waiting work: {@code capacity} permits for webhook events (admitted, being
 * journaled, queued or running), and a depth count of everything not yet handled (timers included, which
 * hold no permit: they are bounded by the timers set). Waiting for the depth to reach zero is how drains
 * and tests know the dispatcher is idle. An event is counted out before its permit is given back, so the
 * depth of webhook events never reads above the capacity. Thread-safe.
 */
final class QueueBound {

    private final int capacity;
    private final Semaphore room;
    private final AtomicInteger depth = new AtomicInteger();
    private final Object idle = new Object();

    QueueBound(int capacity) {
        this.capacity = capacity;
        this.room = new Semaphore(capacity);
    }

    /**
     * Takes room for {@code events} without blocking; returns the permits held (a batch bigger than the
     * whole capacity gets in when the queue is empty and holds all of it), or -1 when there is no room.
     */
    int tryTake(int events) {
        int permits = Math.min(events, capacity);
        if (!room.tryAcquire(permits)) {
            return -1;
        }
        depth.addAndGet(events);
        return permits;
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
