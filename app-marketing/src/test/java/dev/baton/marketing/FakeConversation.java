package dev.baton.marketing;

import dev.baton.event.ConversationKey;
import dev.baton.event.Platform;
import dev.baton.send.SendRequest;
import dev.baton.send.SendResponse;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationState;
import dev.baton.spi.ThreadOwnership;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A conversation that remembers what the app did: sends, passes, releases, timers. The owner moves the way
 * Meta moves it (a pass or release gives the thread away), and a send while not owning fails like Meta's
 * 2018300, so a test notices an app that talks out of turn.
 */
final class FakeConversation implements Conversation {

    static final String APP_ID = "111";
    static final String DEFAULT_APP_ID = "222";

    final ConversationKey key = new ConversationKey("page-1", "psid-1");
    final List<SendRequest> sends = new ArrayList<>();
    final List<String> passes = new ArrayList<>();
    final List<String> releases = new ArrayList<>();
    final Map<String, Instant> timers = new HashMap<>();
    final Map<String, String> state = new HashMap<>();
    String passedTo;
    String owner = APP_ID;
    Instant now = Instant.parse("2026-05-01T10:00:00Z");

    void advanceMinutes(long minutes) {
        now = now.plusSeconds(minutes * 60);
    }

    List<String> sentTexts() {
        return sends.stream().map(SendRequest::text).toList();
    }

    @Override
    public ConversationKey key() {
        return key;
    }

    @Override
    public Platform platform() {
        return Platform.MESSENGER;
    }

    @Override
    public String appId() {
        return APP_ID;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public SendResponse send(SendRequest request) {
        if (!APP_ID.equals(owner)) {
            throw new IllegalStateException("(#10) another app is controlling this thread now (2018300)");
        }
        sends.add(request);
        return new SendResponse(key.userId(), "m-" + sends.size());
    }

    @Override
    public SendResponse reply(String text) {
        return send(SendRequest.text(text));
    }

    @Override
    public void passTo(String targetAppId, String metadata) {
        requireOwner();
        passes.add(metadata);
        passedTo = targetAppId;
        owner = targetAppId == null ? DEFAULT_APP_ID : targetAppId;
    }

    @Override
    public void release(String metadata) {
        requireOwner();
        releases.add(metadata);
        owner = DEFAULT_APP_ID;
    }

    private void requireOwner() {
        if (!APP_ID.equals(owner)) {
            throw new IllegalStateException("(#100) calling app is not the thread owner");
        }
    }

    @Override
    public ThreadOwnership owner() {
        return new ThreadOwnership(owner, null, null, ThreadOwnership.Source.OWN_ACTION);
    }

    @Override
    public Optional<Instant> lastUserMessageAt() {
        return Optional.empty();
    }

    @Override
    public ConversationState state() {
        return new ConversationState() {
            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(state.get(name));
            }

            @Override
            public void put(String name, String value) {
                state.put(name, value);
            }

            @Override
            public void remove(String name) {
                state.remove(name);
            }
        };
    }

    @Override
    public void schedule(String timerName, Instant at) {
        timers.put(timerName, at);
    }

    @Override
    public void cancelTimer(String timerName) {
        timers.remove(timerName);
    }
}
