package dev.baton.inboxbridge;

import dev.baton.graph.error.NotThreadOwnerException;
import dev.baton.graph.error.OutsideMessagingWindowException;
import dev.baton.graph.error.OutsideWindowRejectedException;
import dev.baton.inboxbridge.helpdesk.HelpdeskAgentEvent;
import dev.baton.inboxbridge.helpdesk.HelpdeskConnector;
import dev.baton.inboxbridge.helpdesk.HelpdeskUnavailableException;
import dev.baton.spi.HostedHandover;
import dev.baton.send.MessageTag;
import dev.baton.send.SendRequest;
import dev.baton.send.SendRequestBuilder;
import dev.baton.send.SendResponse;
import dev.baton.spi.Conversation;
import java.time.Duration;
import java.time.Instant;

/**
 * Delivers what a helpdesk agent did, in the conversation's lane. A reply goes to the person as a plain
 * response within 24 hours of their last message, with the {@code HUMAN_AGENT} tag after that and up to 7
 * days, and not at all beyond: then the helpdesk is told ({@code reply.undeliverable}, and a 422 answer).
 * After 24 hours Meta has usually given the thread back to the default app; when that app is hosted here the
 * bridge has it passed back first ({@link Reclaim}), since the tag cannot take control.
 * With a persona configured, the reply goes out as the agent's persona ({@link Personas}).
 * A resolution gives the conversation back to the default app with {@code human-done} metadata.
 */
final class AgentReplies {

    static final Duration STANDARD_WINDOW = Duration.ofHours(24);
    static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);

    private final HelpdeskConnector connector;
    private final EpisodeCodec episodes;
    private final HandBack handBack;
    private final BridgeMetrics metrics;
    private final Inactivity inactivity;
    private final Reclaim reclaim;
    private final Personas personas;

    AgentReplies(HelpdeskConnector connector, EpisodeCodec episodes, HandBack handBack,
                            BridgeMetrics metrics, Inactivity inactivity, Reclaim reclaim,
                            Personas personas) {
        this.personas = personas;
        this.inactivity = inactivity;
        this.reclaim = reclaim;
        this.connector = connector;
        this.episodes = episodes;
        this.handBack = handBack;
        this.metrics = metrics;
    }

    InboundOutcome handle(HelpdeskAgentEvent event, Conversation conversation) {
        Episode episode = episodes.load(conversation.state());
        if (!episode.isOpen() || !event.ticketId().equals(episode.ticket())) {
            return InboundOutcome.closed();
        }
        if (event instanceof HelpdeskAgentEvent.Resolve resolve) {
            episodes.save(conversation.state(), episode.closed());
            inactivity.disarm(conversation);
            if (!conversation.ownsThread()) {
                metrics.handBack("lapsed");
                return InboundOutcome.resolved();
            }
            try {
                handBack.handBack(conversation, "human-done", "resolved", episode.ticket(), resolve.note());
            } catch (NotThreadOwnerException e) {
                metrics.handBack("lapsed"); // control had lapsed back to the default app without a webhook
            }
            return InboundOutcome.resolved();
        }
        HelpdeskAgentEvent.Reply reply = (HelpdeskAgentEvent.Reply) event;
        if (episode.replyIds().contains(reply.replyId())) {
            return InboundOutcome.duplicate();
        }
        Instant now = conversation.now();
        Instant lastPerson = lastPersonMessage(conversation, episode);
        Duration since = Duration.between(lastPerson, now);
        if (since.compareTo(HUMAN_AGENT_WINDOW) > 0) {
            // Nothing can reach the person any more, whoever owns the thread; the ticket stays for the agent
            // to resolve (or for the person to write again).
            return undeliverable(reply, "outside the 7-day human agent window: the person last wrote "
                    + since.toDays() + " days ago");
        }
        boolean tagged = since.compareTo(STANDARD_WINDOW) > 0;
        if (!conversation.ownsThread()) {
            // Meta gave the thread to the default app: the 24-hour lapse, or the person writing again after a
            // day of silence (entry routing). As the Page Inbox takes control when an agent replies, the agent's
            // reply has the hosted default app pass it back; any other owner keeps it.
            HostedHandover.Result reclaimed = reclaim.reclaim(conversation, episode.ticket());
            if (!reclaimed.owns()) {
                return lostThread(conversation, episode, "control lapsed: " + reclaimed.detail());
            }
            metrics.reclaimed();
        }
        SendRequestBuilder request = SendRequest.builder().text(reply.text());
        if (tagged) {
            request.tag(MessageTag.HUMAN_AGENT);
        }
        personas.forAgent(conversation, reply.agent()).ifPresent(request::personaId);
        SendResponse response;
        try {
            response = conversation.send(request.build());
        } catch (OutsideMessagingWindowException | OutsideWindowRejectedException e) {
            return undeliverable(reply, "outside the messaging window: " + e.getMessage());
        } catch (NotThreadOwnerException e) {
            return lostThread(conversation, episode, "control lapsed");
        }
        long at = now.toEpochMilli();
        if (episode.humanAt() == 0) {
            metrics.timeToHuman(Math.max(0, at - episode.openedAt()));
        }
        if (episode.firstReplyAt() == 0) {
            metrics.timeToFirstReply(Math.max(0, at - episode.openedAt()));
        }
        episodes.save(conversation.state(), episode.humanReplied(at, reply.replyId()));
        inactivity.arm(conversation);
        metrics.reply(tagged ? "sent_human_agent_tag" : "sent");
        return InboundOutcome.sent(response.messageId(), tagged);
    }

    /**
     * Another app has the thread: Meta gave it back to the default app after 24 hours without the person (no
     * webhook says so) and it could not be had back in-house (the default app is not hosted here, or the
     * switch is off), or some other app was given it. A HUMAN_AGENT reply may not take it. The ticket is over.
     */
    private InboundOutcome lostThread(Conversation conversation, Episode episode, String reason) {
        episodes.save(conversation.state(), episode.closed());
        inactivity.disarm(conversation);
        metrics.reply("not_owner");
        metrics.handBack("lapsed");
        tellClosed(episode.ticket(), reason);
        return InboundOutcome.notOwner(reason);
    }

    private void tellClosed(String ticket, String reason) {
        try {
            connector.ticketClosed(ticket, reason);
        } catch (HelpdeskUnavailableException e) {
            metrics.helpdeskFailure("ticket_closed");
        }
    }

    private InboundOutcome undeliverable(HelpdeskAgentEvent.Reply reply, String why) {
        metrics.reply("undeliverable");
        try {
            connector.replyUndeliverable(reply.ticketId(), reply.replyId(), why);
        } catch (HelpdeskUnavailableException e) {
            metrics.helpdeskFailure("reply_undeliverable"); // the 422 answer still tells the agent
        }
        return InboundOutcome.undeliverable(why);
    }

    /** The person's last message: what the deployment recorded or what the bridge saw, whichever is newer. */
    private static Instant lastPersonMessage(Conversation conversation, Episode episode) {
        Instant seen = episode.lastPersonAt() > 0 ? Instant.ofEpochMilli(episode.lastPersonAt()) : null;
        Instant recorded = conversation.lastUserMessageAt().orElse(null);
        if (recorded == null) {
            // Nothing recorded: the handoff itself followed the person's request, so it starts the clock.
            return seen != null ? seen : Instant.ofEpochMilli(episode.openedAt());
        }
        return seen != null && seen.isAfter(recorded) ? seen : recorded;
    }
}
