package dev.baton.dispatch;

import static java.util.Objects.requireNonNull;

import dev.baton.event.ConversationKey;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.ConversationStore.StoredTimer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Apps' timers: kept in the {@link ConversationStore} (so they survive a restart) and indexed here by due
 * time, so that a tick only looks at timers that are due. A tick (every {@code timerInterval} on a
 * scheduler thread, or on demand) hands each due timer to {@code fire}, which runs it in the conversation's
 * lane; there {@link #claim} checks that it was not cancelled or moved in the meantime.
 *
 * <p>Timers are at-least-once across crashes: the store forgets a timer only after its callback returned
 * (and only if the callback did not set it again). Thread-safe (one lock; the index is small work).
 */
final class TimerScheduler {

    /** A timer handed to a lane: {@code generation} tells a stale hand-off from the current one. */
    record DueTimer(StoredTimer timer, long generation) {}

    private record TimerId(String appName, ConversationKey key, String timerName) {}

    private record Scheduled(Instant dueAt, long generation, TimerId id) {}

    private static final Comparator<Scheduled> BY_DUE_TIME =
            Comparator.comparing(Scheduled::dueAt).thenComparingLong(Scheduled::generation);

    private final ConversationStore store;
    private final Clock clock;
    private final Map<TimerId, Scheduled> current = new HashMap<>();
    private final TreeSet<Scheduled> waiting = new TreeSet<>(BY_DUE_TIME);
    private long nextGeneration;

    TimerScheduler(ConversationStore store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Indexes the timers the store kept from earlier runs. */
    synchronized void load() {
        for (StoredTimer timer : store.timers()) {
            index(new TimerId(timer.appName(), timer.key(), timer.timerName()), timer.dueAt());
        }
    }

    synchronized void schedule(String appName, ConversationKey key, String timerName, Instant at) {
        requireNonNull(timerName, "timerName is null");
        requireNonNull(at, "at is null");
        store.putTimer(new StoredTimer(appName, key, timerName, at));
        index(new TimerId(appName, key, timerName), at);
    }

    synchronized void cancel(String appName, ConversationKey key, String timerName) {
        requireNonNull(timerName, "timerName is null");
        store.removeTimer(appName, key, timerName);
        Scheduled removed = current.remove(new TimerId(appName, key, timerName));
        if (removed != null) {
            waiting.remove(removed);
        }
    }

    /** Hands every timer due on the clock to {@code fire} (outside the lock); returns how many. */
    int fireDue(Consumer<DueTimer> fire) {
        List<DueTimer> due = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            while (!waiting.isEmpty() && !waiting.first().dueAt().isAfter(now)) {
                Scheduled next = waiting.pollFirst();
                TimerId id = next.id();
                due.add(new DueTimer(new StoredTimer(id.appName(), id.key(), id.timerName(), next.dueAt()),
                        next.generation()));
            }
        }
        due.forEach(fire);
        return due.size();
    }

    /** In the lane, before the callback: true when this hand-off is still the timer's current setting. */
    synchronized boolean claim(DueTimer due) {
        StoredTimer timer = due.timer();
        TimerId id = new TimerId(timer.appName(), timer.key(), timer.timerName());
        Scheduled scheduled = current.get(id);
        if (scheduled == null || scheduled.generation() != due.generation()) {
            return false;
        }
        current.remove(id);
        return true;
    }

    /** In the lane, after the callback: forgets the timer in the store unless the callback set it again. */
    synchronized void finish(DueTimer due) {
        StoredTimer timer = due.timer();
        if (!current.containsKey(new TimerId(timer.appName(), timer.key(), timer.timerName()))) {
            store.removeTimer(timer.appName(), timer.key(), timer.timerName());
        }
    }

    /**
     * Indexes timers a work source hands over (this instance now runs their conversations), without writing
     * them back: they are the store's already. A timer indexed at the same due time is left as it is.
     */
    synchronized void adopt(List<StoredTimer> timers) {
        for (StoredTimer timer : timers) {
            TimerId id = new TimerId(timer.appName(), timer.key(), timer.timerName());
            Scheduled known = current.get(id);
            if (known == null || !known.dueAt().equals(timer.dueAt())) {
                index(id, timer.dueAt());
            }
        }
    }

    /** Drops a due timer of a conversation another instance runs now, leaving it in the store for that one. */
    synchronized void forget(DueTimer due) {
        StoredTimer timer = due.timer();
        TimerId id = new TimerId(timer.appName(), timer.key(), timer.timerName());
        Scheduled scheduled = current.get(id);
        if (scheduled != null && scheduled.generation() == due.generation()) {
            current.remove(id);
        }
    }

    synchronized int size() {
        return current.size();
    }

    private void index(TimerId id, Instant at) {
        Scheduled previous = current.get(id);
        if (previous != null) {
            waiting.remove(previous);
        }
        Scheduled scheduled = new Scheduled(at, nextGeneration++, id);
        current.put(id, scheduled);
        waiting.add(scheduled);
    }
}
