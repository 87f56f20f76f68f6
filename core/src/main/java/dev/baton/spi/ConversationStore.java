package dev.baton.spi;

import dev.baton.event.ConversationKey;
import java.time.Instant;
import java.util.List;
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

    Optional<String> state(String appName, ConversationKey key, String name);

    void putState(String appName, ConversationKey key, String name, String value);

    void removeState(String appName, ConversationKey key, String name);

    void putTimer(StoredTimer timer);

    void removeTimer(String appName, ConversationKey key, String timerName);

    /** Every timer not yet removed, earliest first. */
    List<StoredTimer> timers();

    @Override
    void close();

    /** A timer an app set on a conversation. */
    record StoredTimer(String appName, ConversationKey key, String timerName, Instant dueAt) {}
}
