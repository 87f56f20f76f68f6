package dev.baton.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling with a deadline: how the kit waits for asynchronous effects without fixed sleeps. */
final class FixtureWaits {

    private static final Duration POLL = Duration.ofMillis(10);

    private FixtureWaits() {}

    static void until(String what, BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for: " + what);
            }
            pause(POLL);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
