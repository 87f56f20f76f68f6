package dev.baton.spi;

import dev.baton.event.ConversationKey;
import dev.baton.event.Platform;
import dev.baton.send.SendRequest;
import dev.baton.send.SendResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * What a callback can do in the conversation it was called for, as the app it was called on.
 *
 * <p>Calls block until Meta answered (or a local check refused them) and fail with an unchecked
 * {@code dev.baton.graph.error.GraphException} subtype. Sends made from one conversation's callbacks keep
 * their order. Instances are valid for the duration of the callback only.
 */
public interface Conversation {

    ConversationKey key();

    Platform platform();

    /** The Meta app id of the app this callback runs on. */
    String appId();

    /** The current time on the deployment's clock (a test or the emulator may move it). */
    Instant now();

    /** Sends through the Send API, as this app. The recipient defaults to this conversation's person. */
    SendResponse send(SendRequest request);

    /** Sends a plain text reply. */
    SendResponse reply(String text);

    /** Passes control to {@code targetAppId}, or to the Page's default app when it is null. */
    void passTo(String targetAppId, String metadata);

    /** Releases control: it returns to the default app, no webhook is sent. */
    void release(String metadata);

    /**
     * The id of the Page's persona called {@code name} with this picture, for {@code SendRequest}'s
     * {@code personaId}: made through Meta's Personas API on first use, then reused (also across restarts, by
     * name). Empty where the deployment cannot make personas (a test double that does not model them).
     * Fails like any Graph call.
     */
    default Optional<String> persona(String name, String profilePictureUrl) {
        return Optional.empty();
    }

    /** Who owns the thread, answered from memory where the deployment knows. */
    ThreadOwnership owner();

    /** True when this app owns the thread as far as the deployment knows. */
    default boolean ownsThread() {
        return owner().isOwnedBy(appId());
    }

    /** When the person last wrote, if known: the start of the standard messaging window. */
    Optional<Instant> lastUserMessageAt();

    /** Per-app, per-conversation state that survives a restart. */
    ConversationState state();

    /** Calls {@link ConversationApp#onTimer} at {@code at} (replacing a timer of the same name). */
    void schedule(String timerName, Instant at);

    void cancelTimer(String timerName);

    /**
     * True when a previous run of this deployment started handing this event to this app and stopped (a
     * crash) before it finished; the app may already have done part of its work (for example sent a reply),
     * so an app whose effects are not idempotent can check its state. Live (non-replayed) events are never
     * flagged. For {@code onTimer}: true when a previous run started this same firing of the timer and
     * stopped before the callback returned.
     */
    default boolean redelivered() {
        return false;
    }
}
