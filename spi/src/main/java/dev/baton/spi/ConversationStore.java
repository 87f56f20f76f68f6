package dev.baton.spi;

import dev.baton.event.ConversationKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What must survive a restart about conversations: the thread owner, when the person last wrote, the keys
 * of events already handed to handlers, apps' own small state and their timers. Implementations cache in
 * memory where they like; the store is the truth. Thread-safe.
 */
public interface ConversationStore extends AutoCloseable {

    Optional<ThreadOwnership> ownership(ConversationKey key);

    void putOwnership(ConversationKey key, ThreadOwnership ownership);

    Optional<Instant> lastUserMessage(ConversationKey key);

    void putLastUserMessage(ConversationKey key, Instant at);

    /**
     * Records that {@code eventKey} (a {@code mid}, or another stable key) was handed to {@code appName}'s
     * handler; returns false when it already was. Keeps at least the most recent {@code capacity} keys the
     * store was configured with.
     */
    boolean firstSighting(String appName, String eventKey);

    /**
     * Like {@link #firstSighting}, also recording WHICH unit of work claimed the key: {@code claimant} is a
     * stable token of the journal entry (the dispatcher uses {@code batchId:eventIndex}) or timer that is about
     * to be handed to the app. Answers {@link Claim#NEW} when the key was not known (and is now held by
     * {@code claimant}), {@link Claim#SAME_CLAIMANT} when this very claimant took it before (a previous run
     * started handing the same journal entry over and did not finish), {@link Claim#DUPLICATE} when another
     * claimant holds it (Meta delivered the same event again), or when the key was recorded by
     * {@link #firstSighting} without a claimant. Atomic per key: of two concurrent claims of a new key,
     * exactly one is {@code NEW}. A durable store returns only once the claim is durable.
     *
     * <p>The default builds on {@link #firstSighting} and never answers {@code SAME_CLAIMANT}, so a store
     * that does not override it gives at most once across a crash instead of at least once.
     */
    default Claim claim(String appName, String eventKey, String claimant) {
        Objects.requireNonNull(claimant, "claimant is null");
        return firstSighting(appName, eventKey) ? Claim.NEW : Claim.DUPLICATE;
    }

    Optional<String> state(String appName, ConversationKey key, String name);

    void putState(String appName, ConversationKey key, String name, String value);

    void removeState(String appName, ConversationKey key, String name);

    void putTimer(StoredTimer timer);

    void removeTimer(String appName, ConversationKey key, String timerName);

    /** Every timer not yet removed, earliest first. */
    List<StoredTimer> timers();

    @Override
    void close();

    /** What {@link #claim} found. */
    enum Claim {
        /** The key was not known; it is now held by the claimant. */
        NEW,
        /** The same claimant already held the key: its earlier hand-over was interrupted. */
        SAME_CLAIMANT,
        /** Another claimant (or a claim without one) holds the key: a repeat of something already handled. */
        DUPLICATE
    }

    /** A timer an app set on a conversation. */
    record StoredTimer(String appName, ConversationKey key, String timerName, Instant dueAt) {}
}
