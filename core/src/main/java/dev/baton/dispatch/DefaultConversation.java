package dev.baton.dispatch;

import static java.util.Objects.requireNonNull;

import dev.baton.event.ConversationKey;
import dev.baton.event.Platform;
import dev.baton.send.SendRequest;
import dev.baton.send.SendResponse;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationState;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.ThreadOwnership;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The dispatcher's {@link Conversation}: what the deployment knows locally (state, timers, the clock, when
 * the person last wrote) answered from the {@link ConversationStore}, and everything that goes to Meta
 * delegated to the app's {@link Outbound}. Made for one callback, in the conversation's lane; once the
 * callback returned, every method throws {@link IllegalStateException}, so an app cannot keep it and act
 * outside the conversation's order.
 *
 * <p>Sends, passes and releases go through the callback's {@link SendRecord}: numbered, their outcomes kept
 * in the store, and answered from it when the callback is a redelivery that made them before.
 */
public final class DefaultConversation implements Conversation {

    private static final SendRecord.Codec<SendResponse> SENT = new SendRecord.Codec<>() {
        @Override
        public CallOutcome outcome(SendResponse result) {
            return new CallOutcome.Sent(result.recipientId(), result.messageId());
        }

        @Override
        public SendResponse replay(CallOutcome recorded) {
            return recorded.sendResponse();
        }
    };

    private static final SendRecord.Codec<Void> DONE = new SendRecord.Codec<>() {
        @Override
        public CallOutcome outcome(Void result) {
            return new CallOutcome.Done();
        }

        @Override
        public Void replay(CallOutcome recorded) {
            if (recorded instanceof CallOutcome.Done) {
                return null;
            }
            throw recorded.failure();
        }
    };

    private final DispatchTarget target;
    private final ConversationKey key;
    private final Platform platform;
    private final ConversationStore store;
    private final Clock clock;
    private final TimerScheduler timers;
    private final boolean redelivered;
    private final SendRecord sendRecord;
    private volatile boolean valid = true;

    DefaultConversation(DispatchTarget target, ConversationKey key, Platform platform, ConversationStore store,
                        Clock clock, TimerScheduler timers, boolean redelivered, SendRecord sendRecord) {
        this.target = requireNonNull(target, "target is null");
        this.key = requireNonNull(key, "key is null");
        this.platform = requireNonNull(platform, "platform is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.timers = requireNonNull(timers, "timers is null");
        this.redelivered = redelivered;
        this.sendRecord = requireNonNull(sendRecord, "sendRecord is null");
    }

    @Override
    public ConversationKey key() {
        return key;
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public String appId() {
        return target.app().appId();
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public SendResponse send(SendRequest request) {
        checkValid();
        requireNonNull(request, "request is null");
        return sendRecord.call("messages", request.toString(), () -> target.outbound().send(key, request), SENT);
    }

    @Override
    public SendResponse reply(String text) {
        return send(SendRequest.text(requireNonNull(text, "text is null")));
    }

    @Override
    public void passTo(String targetAppId, String metadata) {
        checkValid();
        sendRecord.call("pass_thread_control", targetAppId + "\n" + metadata, () -> {
            target.outbound().pass(key, targetAppId, metadata);
            return null;
        }, DONE);
    }

    @Override
    public void release(String metadata) {
        checkValid();
        sendRecord.call("release_thread_control", String.valueOf(metadata), () -> {
            target.outbound().release(key, metadata);
            return null;
        }, DONE);
    }

    @Override
    public ThreadOwnership owner() {
        checkValid();
        return target.outbound().owner(key);
    }

    @Override
    public java.util.Optional<String> persona(String name, String profilePictureUrl) {
        checkValid();
        return target.outbound().persona(requireNonNull(name, "name is null"),
                requireNonNull(profilePictureUrl, "profilePictureUrl is null"));
    }

    @Override
    public Optional<Instant> lastUserMessageAt() {
        return store.lastUserMessage(key);
    }

    @Override
    public ConversationState state() {
        checkValid();
        String appName = target.name();
        return new ConversationState() {
            @Override
            public Optional<String> get(String name) {
                return store.state(appName, key, requireNonNull(name, "name is null"));
            }

            @Override
            public void put(String name, String value) {
                checkValid();
                store.putState(appName, key, requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
            }

            @Override
            public void remove(String name) {
                checkValid();
                store.removeState(appName, key, requireNonNull(name, "name is null"));
            }
        };
    }

    @Override
    public void schedule(String timerName, Instant at) {
        checkValid();
        timers.schedule(target.name(), key, requireNonNull(timerName, "timerName is null"), requireNonNull(at, "at is null"));
    }

    @Override
    public void cancelTimer(String timerName) {
        checkValid();
        timers.cancel(target.name(), key, requireNonNull(timerName, "timerName is null"));
    }

    @Override
    public boolean redelivered() {
        return redelivered;
    }

    /** Ends this conversation object's life: the callback returned. */
    void invalidate() {
        valid = false;
    }

    private void checkValid() {
        if (!valid) {
            throw new IllegalStateException("this Conversation was for a callback that has returned");
        }
    }

    @Override
    public String toString() {
        return "Conversation[app=" + target.name() + ", page=" + key.pageId() + "]";
    }
}
