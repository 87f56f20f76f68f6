package dev.baton.store.memory;

import static java.util.Objects.requireNonNull;

import dev.baton.event.ConversationKey;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.ThreadOwnership;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ConversationStore} kept in the heap: for tests, benchmarks and the emulator demo. Nothing
 * survives the process.
 *
 * <p>Dedupe keys are bounded: the store keeps the {@code dedupeCapacity} keys seen or re-seen most recently
 * (least recently used go first), so a retry storm of one {@code mid} keeps that key alive. Ownership, last
 * message times, state and timers grow with the number of conversations, as a durable store's would.
 * The send record ({@link #recordCall}) keeps the calls of the {@code dedupeCapacity} most recent claimants.
 * Thread-safe.
 */
public final class InMemoryConversationStore implements ConversationStore {

    public static final int DEFAULT_DEDUPE_CAPACITY = 100_000;

    private final Map<ConversationKey, ThreadOwnership> ownership = new ConcurrentHashMap<>();
    private final Map<ConversationKey, Instant> lastUserMessage = new ConcurrentHashMap<>();
    private final Map<StateKey, String> state = new ConcurrentHashMap<>();
    private final Map<TimerKey, StoredTimer> timers = new ConcurrentHashMap<>();
    private final DedupeKeys dedupeKeys;
    /** The send record, per (app, claimant); the most recent {@code dedupeCapacity} claimants kept. Guarded by itself. */
    private final LinkedHashMap<String, TreeMap<Integer, RecordedCall>> calls;

    public InMemoryConversationStore() {
        this(DEFAULT_DEDUPE_CAPACITY);
    }

    public InMemoryConversationStore(int dedupeCapacity) {
        if (dedupeCapacity < 1) {
            throw new IllegalArgumentException("dedupeCapacity must be at least 1: " + dedupeCapacity);
        }
        this.dedupeKeys = new DedupeKeys(dedupeCapacity);
        this.calls = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TreeMap<Integer, RecordedCall>> eldest) {
                return size() > dedupeCapacity;
            }
        };
    }

    @Override
    public Optional<ThreadOwnership> ownership(ConversationKey key) {
        return Optional.ofNullable(ownership.get(requireNonNull(key, "key is null")));
    }

    @Override
    public void putOwnership(ConversationKey key, ThreadOwnership value) {
        ownership.put(requireNonNull(key, "key is null"), requireNonNull(value, "ownership is null"));
    }

    @Override
    public Optional<Instant> lastUserMessage(ConversationKey key) {
        return Optional.ofNullable(lastUserMessage.get(requireNonNull(key, "key is null")));
    }

    @Override
    public void putLastUserMessage(ConversationKey key, Instant at) {
        lastUserMessage.put(requireNonNull(key, "key is null"), requireNonNull(at, "at is null"));
    }

    @Override
    public boolean firstSighting(String appName, String eventKey) {
        requireNonNull(appName, "appName is null");
        requireNonNull(eventKey, "eventKey is null");
        return dedupeKeys.add(appName + '\n' + eventKey);
    }

    @Override
    public Claim claim(String appName, String eventKey, String claimant) {
        requireNonNull(appName, "appName is null");
        requireNonNull(eventKey, "eventKey is null");
        requireNonNull(claimant, "claimant is null");
        return dedupeKeys.claim(appName + '\n' + eventKey, claimant);
    }

    @Override
    public void recordCall(String appName, String claimant, RecordedCall call) {
        requireNonNull(appName, "appName is null");
        requireNonNull(claimant, "claimant is null");
        requireNonNull(call, "call is null");
        synchronized (calls) {
            calls.computeIfAbsent(appName + '\n' + claimant, k -> new TreeMap<>()).put(call.seq(), call);
        }
    }

    @Override
    public List<RecordedCall> recordedCalls(String appName, String claimant) {
        requireNonNull(appName, "appName is null");
        requireNonNull(claimant, "claimant is null");
        synchronized (calls) {
            TreeMap<Integer, RecordedCall> recorded = calls.get(appName + '\n' + claimant);
            return recorded == null ? List.of() : List.copyOf(recorded.values());
        }
    }

    @Override
    public Optional<String> state(String appName, ConversationKey key, String name) {
        return Optional.ofNullable(state.get(new StateKey(appName, key, name)));
    }

    @Override
    public void putState(String appName, ConversationKey key, String name, String value) {
        state.put(new StateKey(appName, key, name), requireNonNull(value, "value is null"));
    }

    @Override
    public void removeState(String appName, ConversationKey key, String name) {
        state.remove(new StateKey(appName, key, name));
    }

    @Override
    public void putTimer(StoredTimer timer) {
        requireNonNull(timer, "timer is null");
        requireNonNull(timer.dueAt(), "dueAt is null");
        timers.put(new TimerKey(timer.appName(), timer.key(), timer.timerName()), timer);
    }

    @Override
    public void removeTimer(String appName, ConversationKey key, String timerName) {
        timers.remove(new TimerKey(appName, key, timerName));
    }

    @Override
    public List<StoredTimer> timers() {
        return timers.values().stream().sorted(Comparator.comparing(StoredTimer::dueAt)).toList();
    }

    /** How many dedupe keys are held now; never more than the capacity. */
    public int dedupeKeyCount() {
        return dedupeKeys.size();
    }

    @Override
    public void close() {
        // Nothing to release: the maps go with the object.
    }

    private record StateKey(String appName, ConversationKey key, String name) {
        StateKey {
            requireNonNull(appName, "appName is null");
            requireNonNull(key, "key is null");
            requireNonNull(name, "name is null");
        }
    }

    private record TimerKey(String appName, ConversationKey key, String timerName) {
        TimerKey {
            requireNonNull(appName, "appName is null");
            requireNonNull(key, "key is null");
            requireNonNull(timerName, "timerName is null");
        }
    }

    /**
     * An access-ordered map trimmed to its capacity: the least recently seen key goes first. The value is the
     * claimant, or {@link #NO_CLAIMANT} for a key recorded by {@code firstSighting}.
     */
    private static final class DedupeKeys {
        private static final String NO_CLAIMANT = "";
        private final LinkedHashMap<String, String> keys;

        DedupeKeys(int capacity) {
            this.keys = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > capacity;
                }
            };
        }

        synchronized boolean add(String key) {
            String known = keys.get(key); // refreshes the key's place when known
            if (known != null) {
                return false;
            }
            keys.put(key, NO_CLAIMANT);
            return true;
        }

        synchronized Claim claim(String key, String claimant) {
            String known = keys.get(key);
            if (known == null) {
                keys.put(key, claimant);
                return Claim.NEW;
            }
            // An empty claimant never matches a key recorded without one: that stays a duplicate.
            return !known.isEmpty() && known.equals(claimant) ? Claim.SAME_CLAIMANT : Claim.DUPLICATE;
        }

        synchronized int size() {
            return keys.size();
        }
    }
}
