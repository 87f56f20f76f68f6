package dev.baton.benchmarks.graph;

import dev.baton.event.ConversationKey;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.ThreadOwnership;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A store that keeps nothing, so a measurement sees only the component under test. */
final class DiscardingConversationStore implements ConversationStore {

    private final Instant lastUserMessage;

    DiscardingConversationStore(Instant lastUserMessage) {
        this.lastUserMessage = lastUserMessage;
    }

    @Override
    public Optional<ThreadOwnership> ownership(ConversationKey key) {
        return Optional.empty();
    }

    @Override
    public void putOwnership(ConversationKey key, ThreadOwnership ownership) {}

    @Override
    public Optional<Instant> lastUserMessage(ConversationKey key) {
        return Optional.ofNullable(lastUserMessage);
    }

    @Override
    public void putLastUserMessage(ConversationKey key, Instant at) {}

    @Override
    public boolean firstSighting(String appName, String eventKey) {
        return true;
    }

    @Override
    public Optional<String> state(String appName, ConversationKey key, String name) {
        return Optional.empty();
    }

    @Override
    public void putState(String appName, ConversationKey key, String name, String value) {}

    @Override
    public void removeState(String appName, ConversationKey key, String name) {}

    @Override
    public void putTimer(StoredTimer timer) {}

    @Override
    public void removeTimer(String appName, ConversationKey key, String timerName) {}

    @Override
    public List<StoredTimer> timers() {
        return List.of();
    }

    @Override
    public void close() {}
}
