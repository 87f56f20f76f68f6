package dev.baton.spi;

import dev.baton.event.ConversationKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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

    /**
     * {@link #claim}, answered in a future instead of by blocking: it completes with the same answer once the
     * claim is durable, or exceptionally when the store cannot keep it. The dispatcher claims every event this
     * way, so that a conversation waiting for its claim's sync holds no thread and the claims of many
     * conversations share one sync. A store with a group-commit writer overrides it; the future may then
     * complete on a store thread, so whoever chains work onto it must hand that work elsewhere. The default
     * calls {@link #claim} on the caller's thread and returns a completed future.
     */
    default CompletableFuture<Claim> claimAsync(String appName, String eventKey, String claimant) {
        try {
            return CompletableFuture.completedFuture(claim(appName, eventKey, claimant));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * True when {@link #claimAsync} returns without waiting for the disk or the network (it queues the claim
     * for a writer of its own and completes the future later). The dispatcher then starts a conversation's
     * claim on the thread that journaled its batch instead of waking a worker only to start it: one thread
     * hand-over less per event. False by default, and for any store whose {@code claimAsync} may block.
     */
    default boolean claimsWithoutBlocking() {
        return false;
    }

    /**
     * The send record: stores what call {@code call.seq()} (1, 2, ... in the order one callback made them) of the
     * callback that {@code claimant} (the token given to {@link #claim}) was handed to came back with, so that a
     * redelivered event answers the calls already made from the record instead of calling Meta again. Replaces
     * a record of the same {@code (appName, claimant, seq)}. A durable store returns only once the record is
     * durable, as for {@link #claim}: the dispatcher calls this after Meta answered and before the app sees the
     * answer. {@code fingerprint} and {@code outcome} are the dispatcher's opaque text; store them as given.
     *
     * <p>A store keeps the records of at least the most recent {@code dedupeCapacity} claims it was configured
     * with, like dedupe keys (a record is needed only until its event is marked done, and read only when it is
     * redelivered). The default keeps nothing: a store that does not override this and
     * {@link #recordedCalls} lets a redelivered event make every call again, as before the send record existed.
     */
    default void recordCall(String appName, String claimant, RecordedCall call) {
        Objects.requireNonNull(appName, "appName is null");
        Objects.requireNonNull(claimant, "claimant is null");
        Objects.requireNonNull(call, "call is null");
    }

    /** Every call {@link #recordCall recorded} for {@code (appName, claimant)}, lowest {@code seq} first. */
    default List<RecordedCall> recordedCalls(String appName, String claimant) {
        Objects.requireNonNull(appName, "appName is null");
        Objects.requireNonNull(claimant, "claimant is null");
        return List.of();
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

    /**
     * One call a callback made to Meta: its number in the callback (from 1), a fingerprint of what was asked (so
     * a handler that asks something else on redelivery is noticed), and what came back, in the dispatcher's
     * encoding.
     */
    record RecordedCall(int seq, String fingerprint, String outcome) {
        public RecordedCall {
            if (seq < 1) {
                throw new IllegalArgumentException("seq must be at least 1: " + seq);
            }
            Objects.requireNonNull(fingerprint, "fingerprint is null");
            Objects.requireNonNull(outcome, "outcome is null");
        }
    }

    /** A timer an app set on a conversation. */
    record StoredTimer(String appName, ConversationKey key, String timerName, Instant dueAt) {}
}
