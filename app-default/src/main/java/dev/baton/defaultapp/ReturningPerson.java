package dev.baton.defaultapp;

import dev.baton.event.EchoEvent;
import dev.baton.event.HandoverEvent;
import dev.baton.graph.error.NotThreadOwnerException;
import dev.baton.spi.Conversation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person coming back while the humans still have their conversation. Meta gives a thread to the default
 * app silently 24 hours after the person's last action, and a person writing after a day of silence is routed
 * to it as well; without this the bot would greet someone who is waiting for a human. While an escalation
 * this app made is open (no hand-back seen, and the person's previous message within {@code escalation.openFor},
 * default Meta's 7-day human-agent window), such a turn is passed straight back to the escalation target with
 * metadata saying why, and nothing is said:
 * <pre>{"baton":"returning","from":"default","to":"human","escalation":{"target":"...","at":...,"reason":"keyword"},
 *  "mid":"m-1","text":"Any news?"}</pre>
 * The escalation closes when control comes back to this app by a handover (the bridge's {@code human-done},
 * the Inbox's Done, any other app's pass), or another app that is not a human app is seen talking on standby.
 * Switched by {@code escalation.returnToHumans} (default on).
 */
final class ReturningPerson {

    static final String MARK = "returning";
    private static final Logger log = LoggerFactory.getLogger(ReturningPerson.class);

    private final EscalationSettings config;
    private final PeerApps peers;
    private final TurnMetrics metrics;

    ReturningPerson(EscalationSettings config, PeerApps peers, TurnMetrics metrics) {
        this.config = config;
        this.peers = peers;
        this.metrics = metrics;
    }

    /**
     * The escalation still open for a person turn at {@code at}, or null. {@code before} is the memory before
     * this turn (its {@code lastPersonAt} is the person's previous message).
     */
    ConversationMemory.Escalation open(ConversationMemory before, long at) {
        ConversationMemory.Escalation escalation = before.escalation();
        if (!config.returnToHumans() || escalation == null) {
            return null;
        }
        long since = Math.max(before.lastPersonAt(), escalation.at());
        return at - since <= config.openForDuration().toMillis() ? escalation : null;
    }

    /**
     * Passes the thread back to the humans; true when done. False (the caller answers as usual) when the pass
     * failed for a reason other than someone else owning the thread already.
     */
    boolean passBack(Conversation conversation, ConversationMemory.Escalation escalation, String mid, String text) {
        try {
            conversation.passTo(escalation.target(), EscalationSummary.returning(escalation, mid, text));
        } catch (NotThreadOwnerException e) {
            return true; // someone else has the thread already: the app must stay silent anyway
        } catch (RuntimeException e) {
            // The person must not be left talking to nobody: answer as the bot rather than drop the turn.
            log.warn("could not pass {} back to the humans ({}); answering", conversation.key(),
                    e.getClass().getSimpleName());
            return false;
        }
        metrics.returnedToHumans(escalation.reason());
        return true;
    }

    /** The memory with the escalation closed if {@code event} shows the humans are done with it. */
    ConversationMemory afterHandover(HandoverEvent event, String appId, ConversationMemory memory) {
        ConversationMemory.Escalation escalation = memory.escalation();
        if (escalation == null || event.header().timestamp() < escalation.at()) {
            return memory; // nothing open, or an old event arriving late
        }
        boolean toMe = event instanceof HandoverEvent.PassThreadControl pass && appId.equals(pass.newOwnerAppId())
                || event instanceof HandoverEvent.TakeThreadControl take && appId.equals(take.newOwnerAppId());
        return toMe ? memory.withEscalation(null) : memory;
    }

    /** The memory with the escalation closed if an app that does not stand for humans is seen talking. */
    ConversationMemory afterEcho(EchoEvent echo, String appId, ConversationMemory memory) {
        ConversationMemory.Escalation escalation = memory.escalation();
        if (escalation == null || echo.appId() == null || echo.header().timestamp() < escalation.at()
                || appId.equals(echo.appId()) || peers.isHuman(echo.appId())
                || echo.appId().equals(escalation.target())) {
            return memory;
        }
        return memory.withEscalation(null);
    }

    /** A turn found the escalation too old: it no longer counts. */
    static ConversationMemory expire(ConversationMemory memory) {
        return memory.escalation() == null ? memory : memory.withEscalation(null);
    }
}
