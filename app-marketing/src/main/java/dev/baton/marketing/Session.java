package dev.baton.marketing;

import dev.baton.spi.ConversationState;
import java.time.Instant;
import java.util.Optional;

/**
 * The marketing flow's memory of one conversation, kept in the deployment's {@link ConversationState} (so it
 * survives a restart when the store is durable). Only ever used inside the conversation's callbacks, which
 * never overlap, so it needs no locking.
 */
final class Session {

    /** Where the flow stands. */
    enum Stage {
        /** Control arrived, the ad is not known yet (the referral usually follows). */
        PENDING,
        /** The welcome went out; waiting for a choice. */
        WELCOMED,
        /** A lead choice was made; waiting for the contact. */
        COLLECTING,
        /** Released, passed or lost; nothing more is sent. */
        DONE
    }

    private final ConversationState state;

    Session(ConversationState state) {
        this.state = state;
    }

    Stage stage() {
        return state.get("stage").map(Stage::valueOf).orElse(Stage.DONE);
    }

    boolean isOpen() {
        return stage() != Stage.DONE;
    }

    /** Open and attributed to a campaign. */
    boolean isActive() {
        return stage() == Stage.WELCOMED || stage() == Stage.COLLECTING;
    }

    void pending(Instant at) {
        clearFlow();
        state.put("stage", Stage.PENDING.name());
        state.put("startedAt", at.toString());
    }

    void welcomed(String campaign, String adId, String ref, Instant startedAt) {
        clearFlow();
        state.put("stage", Stage.WELCOMED.name());
        state.put("campaign", campaign);
        putOrRemove("adId", adId);
        putOrRemove("ref", ref);
        state.put("startedAt", startedAt.toString());
    }

    void collecting(String choice) {
        state.put("stage", Stage.COLLECTING.name());
        state.put("choice", choice);
        state.put("leadAttempts", "0");
    }

    void chose(String choice) {
        state.put("choice", choice);
    }

    void done(Outcome outcome, Instant at) {
        state.put("stage", Stage.DONE.name());
        state.put("outcome", outcome.name());
        state.put("finishedAt", at.toString());
        state.get("lastEventAt").ifPresent(last -> state.put("closedAfter", last));
    }

    /** Remembers the newest event timestamp (Meta's clock) seen in this conversation. */
    void sawEvent(Instant at) {
        if (state.get("lastEventAt").map(Instant::parse).map(last -> last.isBefore(at)).orElse(true)) {
            state.put("lastEventAt", at.toString());
        }
    }

    /** The newest event timestamp seen when the flow last ended: anything older is a late delivery. */
    Optional<Instant> closedAfter() {
        return state.get("closedAfter").map(Instant::parse);
    }

    Optional<String> campaign() {
        return state.get("campaign");
    }

    Optional<String> adId() {
        return state.get("adId");
    }

    Optional<String> ref() {
        return state.get("ref");
    }

    Optional<String> choice() {
        return state.get("choice");
    }

    Optional<Instant> startedAt() {
        return state.get("startedAt").map(Instant::parse);
    }

    Optional<Instant> finishedAt() {
        return state.get("finishedAt").map(Instant::parse);
    }

    Optional<Instant> firstReplyAt() {
        return state.get("firstReplyAt").map(Instant::parse);
    }

    /** Records the person's first reply after the welcome; false when one was already recorded. */
    boolean firstReply(Instant at) {
        if (state.get("firstReplyAt").isPresent()) {
            return false;
        }
        state.put("firstReplyAt", at.toString());
        return true;
    }

    int incrementReprompts() {
        return increment("reprompts");
    }

    int incrementLeadAttempts() {
        return increment("leadAttempts");
    }

    /** True the first time a given event key is seen since the session began; remembers only the latest. */
    boolean firstSighting(String slot, String eventKey) {
        if (state.get(slot).filter(eventKey::equals).isPresent()) {
            return false;
        }
        state.put(slot, eventKey);
        return true;
    }

    private int increment(String name) {
        int next = state.get(name).map(Integer::parseInt).orElse(0) + 1;
        state.put(name, Integer.toString(next));
        return next;
    }

    private void clearFlow() {
        for (String name : new String[] {"campaign", "adId", "ref", "choice", "firstReplyAt", "reprompts",
                "leadAttempts", "outcome", "finishedAt"}) {
            state.remove(name);
        }
    }

    private void putOrRemove(String name, String value) {
        if (value == null) {
            state.remove(name);
        } else {
            state.put(name, value);
        }
    }
}
