package dev.baton.emulator.engine;

import dev.baton.emulator.ConversationView;
import dev.baton.emulator.OwnerChange;
import dev.baton.emulator.TranscriptLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One conversation's thread on one Page. Guarded by the engine's lock. */
final class ThreadState {

    static final Duration STANDARD_WINDOW = Duration.ofHours(24);
    static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);
    static final Duration CONTROL_WINDOW = Duration.ofHours(24);

    final String pageId;
    final String psid;
    String ownerAppId;
    Instant controlExpiresAt;
    /** Last message, postback, ad tap, link or Get Started by the person; null before the first. */
    Instant lastPersonActivityAt;
    final List<TranscriptLine> transcript = new ArrayList<>();
    /** Page messages not yet reported by a delivery receipt. */
    final List<String> undeliveredMids = new ArrayList<>();
    long lastOutboundMillis;
    /** Every change of owner, for the console's timeline; {@link #cause} says what the current call is. */
    final List<OwnerChange> ownerHistory = new ArrayList<>();
    String cause = "";

    ThreadState(String pageId, String psid) {
        this.pageId = pageId;
        this.psid = psid;
    }

    /** Control of an active thread lapses back to the default app (or to idle) after its window. */
    void expireControl(Instant now, String defaultAppId) {
        if (ownerAppId != null && controlExpiresAt != null && !now.isBefore(controlExpiresAt)
                && !ownerAppId.equals(defaultAppId)) {
            // The idle release is itself a routing action: the default app's window starts where the old one ended.
            ownerHistory.add(new OwnerChange(controlExpiresAt, ownerAppId, defaultAppId, "control lapsed after 24 h"));
            ownerAppId = defaultAppId;
            controlExpiresAt = defaultAppId == null ? null : controlExpiresAt.plus(CONTROL_WINDOW);
        }
    }

    void giveControl(String appId, Instant now) {
        if (!java.util.Objects.equals(ownerAppId, appId)) {
            ownerHistory.add(new OwnerChange(now, ownerAppId, appId, cause));
        }
        ownerAppId = appId;
        controlExpiresAt = appId == null ? null : now.plus(CONTROL_WINDOW);
    }

    /** The person acted: the messaging window reopens and the owner's control runs another day. */
    void personActed(Instant now) {
        lastPersonActivityAt = now;
        if (ownerAppId != null) {
            controlExpiresAt = now.plus(CONTROL_WINDOW);
        }
    }

    /** True when the person has not acted in the last 24 hours: the thread is entered anew. */
    boolean windowClosed(Instant now) {
        return lastPersonActivityAt == null || !now.isBefore(lastPersonActivityAt.plus(STANDARD_WINDOW));
    }

    boolean withinHumanAgentWindow(Instant now) {
        return lastPersonActivityAt != null && now.isBefore(lastPersonActivityAt.plus(HUMAN_AGENT_WINDOW));
    }

    ConversationView view() {
        return new ConversationView(pageId, psid, ownerAppId, controlExpiresAt, lastPersonActivityAt, transcript,
                ownerHistory);
    }
}
