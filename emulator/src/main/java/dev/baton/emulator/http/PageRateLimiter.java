package dev.baton.emulator.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Graph calls per Page in any sliding second of real time; beyond the limit Meta answers 613. Thread-safe. */
final class PageRateLimiter {

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int callsPerSecond;
    private final Map<String, Deque<Long>> callTimes = new HashMap<>();
    private final Map<String, Long> refused = new HashMap<>();

    PageRateLimiter(int callsPerSecond) {
        this.callsPerSecond = callsPerSecond;
    }

    /** Counts a call; false when the Page is over its limit (the refused call is not counted). */
    synchronized boolean tryCall(String pageId) {
        long now = System.nanoTime();
        Deque<Long> times = callTimes.computeIfAbsent(pageId, id -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() >= WINDOW_NANOS) {
            times.pollFirst();
        }
        if (times.size() >= callsPerSecond) {
            refused.merge(pageId, 1L, Long::sum);
            return false;
        }
        times.addLast(now);
        return true;
    }

    /** Calls for {@code pageId} answered 613 so far. */
    synchronized long refused(String pageId) {
        return refused.getOrDefault(pageId, 0L);
    }
}
