package dev.baton.inboxbridge;

import dev.baton.graph.error.NotThreadOwnerException;
import dev.baton.inboxbridge.helpdesk.HelpdeskConnector;
import dev.baton.inboxbridge.helpdesk.HelpdeskUnavailableException;
import dev.baton.spi.Conversation;
import java.time.Duration;

/**
 * Helpdesk mode's inactivity deadline: a ticket where neither side wrote for {@code handBackAfter} is closed
 * and the thread handed back, before Meta's 24-hour control expiry takes it silently. Each message from
 * either side moves the deadline (a timer of the conversation, so it survives restarts).
 */
final class Inactivity {

    static final String TIMER = "inbox-bridge.inactive";

    private final Duration handBackAfter;
    private final EpisodeCodec episodes;
    private final HelpdeskConnector connector;
    private final HandBack handBack;
    private final BridgeMetrics metrics;

    Inactivity(Duration handBackAfter, EpisodeCodec episodes, HelpdeskConnector connector,
                          HandBack handBack, BridgeMetrics metrics) {
        this.handBackAfter = handBackAfter;
        this.episodes = episodes;
        this.connector = connector;
        this.handBack = handBack;
        this.metrics = metrics;
    }

    void arm(Conversation conversation) {
        conversation.schedule(TIMER, conversation.now().plus(handBackAfter));
    }

    void disarm(Conversation conversation) {
        conversation.cancelTimer(TIMER);
    }

    /** The deadline came: close the ticket and give the thread back (if Meta has not already). */
    void expire(Conversation conversation) {
        Episode episode = episodes.load(conversation.state());
        if (!episode.isOpen()) {
            return;
        }
        episodes.save(conversation.state(), episode.closed());
        try {
            connector.ticketClosed(episode.ticket(), "inactive");
        } catch (HelpdeskUnavailableException e) {
            metrics.helpdeskFailure("ticket_closed");
        }
        try {
            if (conversation.ownsThread()) {
                handBack.handBack(conversation, "human-done", "inactive", episode.ticket(), null);
                return;
            }
        } catch (NotThreadOwnerException e) {
            // control lapsed to the default app without a webhook: nothing to give back
        }
        metrics.handBack("lapsed");
    }
}
