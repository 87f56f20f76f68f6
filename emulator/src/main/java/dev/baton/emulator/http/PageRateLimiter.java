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
            return false;
        }
        times.addLast(now);
        return true;
    }
}
