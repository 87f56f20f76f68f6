package dev.baton.graph;

import dev.baton.event.ConversationKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs the calls for one conversation one at a time, in the order the callers arrived (fair locks), so a
 * retried send is not overtaken by the next one. Calls for different conversations run in parallel. Locks
 * are dropped when no caller holds or waits for them, so memory follows the number of busy conversations.
 */
public final class ConversationLanes {

    private final ConcurrentHashMap<ConversationKey, Lane> lanes = new ConcurrentHashMap<>();

    private static final class Lane {
        final ReentrantLock lock = new ReentrantLock(true);
        int users;
    }

    public <T> T run(ConversationKey key, Supplier<T> call) {
        Lane lane = lanes.compute(key, (k, existing) -> {
            Lane current = existing == null ? new Lane() : existing;
            current.users++;
            return current;
        });
        lane.lock.lock();
        try {
            return call.get();
        } finally {
            lane.lock.unlock();
            lanes.computeIfPresent(key, (k, current) -> --current.users == 0 ? null : current);
        }
    }

    /** Callers waiting behind the one in progress for {@code key} (for tests and metrics). */
    public int waiting(ConversationKey key) {
        Lane lane = lanes.get(key);
        return lane == null ? 0 : lane.lock.getQueueLength();
    }

    /** Conversations with a call in progress or waiting (for tests and metrics). */
    public int busy() {
        return lanes.size();
    }
}
