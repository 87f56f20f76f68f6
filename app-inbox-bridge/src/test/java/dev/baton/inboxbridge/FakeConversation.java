package dev.baton.inboxbridge;

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

/** A conversation that records what the app did; ownership moves on pass/release like Meta's would. */
final class FakeConversation implements Conversation {

    static final String PAGE = "1000";
    static final String USER = "u1";

    final List<SendRequest> sent = new ArrayList<>();
    final List<String[]> passes = new ArrayList<>();
    final List<String> releases = new ArrayList<>();
    final Map<String, String> state = new HashMap<>();
    final Map<String, Instant> timers = new HashMap<>();
    private final String appId;
    private final Platform platform;
    String owner;
    Instant now = Instant.parse("2026-11-01T10:00:00Z");
    Instant lastUserMessage;

    FakeConversation(String appId, Platform platform) {
        this.appId = appId;
        this.platform = platform;
        this.owner = appId;
    }

    /** The text of each send: the message text, or a button template's text. */
    List<String> texts() {
        return sent.stream().map(FakeConversation::textOf).toList();
    }

    static String textOf(SendRequest request) {
        if (request.text() != null) {
            return request.text();
        }
        if (request.message() != null
                && request.message().attachment() instanceof dev.baton.send.OutgoingAttachment.TemplateAttachment template
                && template.template() instanceof dev.baton.send.Template.ButtonTemplate buttons) {
            return buttons.text();
        }
        return null;
    }

    @Override
    public ConversationKey key() {
        return new ConversationKey(PAGE, USER);
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public String appId() {
        return appId;
    }

    @Override
    public Instant now() {
        return now;
    }

    /** When set, Meta's view of the owner: calls of this app while it is not the owner fail as Meta's would. */
    String metaOwner;

    private void checkMeta(String endpoint) {
        if (metaOwner != null && !metaOwner.equals(appId)) {
            throw new dev.baton.graph.error.NotThreadOwnerException(endpoint, new dev.baton.graph.error.MetaError(400,
                    "another app is controlling this thread now", "OAuthException", 10, 2018300, null, null, null));
        }
    }

    @Override
    public SendResponse send(SendRequest request) {
        checkMeta("messages");
        if (!appId.equals(owner)) {
            throw new IllegalStateException("sent while not owning the thread");
        }
        sent.add(request);
        return new SendResponse(USER, "m" + sent.size());
    }

    @Override
    public SendResponse reply(String text) {
        return send(SendRequest.text(text));
    }

    @Override
    public void passTo(String targetAppId, String metadata) {
        checkMeta("pass_thread_control");
        passes.add(new String[] {targetAppId, metadata});
        owner = targetAppId;
    }

    @Override
    public void release(String metadata) {
        releases.add(metadata);
        owner = "default";
    }

    @Override
    public ThreadOwnership owner() {
        return new ThreadOwnership(owner, null, null, ThreadOwnership.Source.UNKNOWN);
    }

    @Override
    public Optional<Instant> lastUserMessageAt() {
        return Optional.ofNullable(lastUserMessage);
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
