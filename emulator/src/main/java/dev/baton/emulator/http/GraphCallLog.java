package dev.baton.emulator.http;

import dev.baton.emulator.GraphCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every Graph API call answered so far, in the order of arrival. A call is listed once answered (a call held
 * back by a slow-answer fault shows up when its delay is over). Bounded: past {@link #CAPACITY} calls the
 * oldest are dropped, so a long-running standalone emulator does not grow without end. Thread-safe.
 */
final class GraphCallLog {

    static final int CAPACITY = 200_000;

    private final AtomicLong sequence = new AtomicLong();
    private final List<GraphCall> calls = new ArrayList<>();

    long next() {
        return sequence.incrementAndGet();
    }

    synchronized void add(GraphCall call) {
        if (calls.size() >= CAPACITY) {
            calls.subList(0, CAPACITY / 10).clear();
        }
        calls.add(call);
    }

    synchronized List<GraphCall> calls() {
        List<GraphCall> sorted = new ArrayList<>(calls);
        sorted.sort(Comparator.comparingLong(GraphCall::sequence));
        return sorted;
    }
}
