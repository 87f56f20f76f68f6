package dev.baton.inboxbridge;

import dev.baton.event.Attachment;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.inboxbridge.helpdesk.HelpdeskConnector;
import dev.baton.inboxbridge.helpdesk.HelpdeskMessage;
import dev.baton.inboxbridge.helpdesk.HelpdeskTicket;
import dev.baton.inboxbridge.helpdesk.HelpdeskUnavailableException;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mode {@code helpdesk}: the bridge keeps the thread and mirrors it to a ticket in an outside helpdesk.
 * A pass to the bridge opens a ticket; the person's messages go to the ticket; the agents' replies and the
 * resolution come back through {@link HelpdeskInbound} and are handled here, in the conversation's lane
 * ({@link AgentReplies}). If another app takes the thread, the ticket is closed.
 */
final class HelpdeskMode implements ConversationApp {

    private static final Logger log = LoggerFactory.getLogger(HelpdeskMode.class);

    private final Settings config;
    private final HelpdeskConnector connector;
    private final EpisodeCodec episodes;
    private final HandBack handBack;
    private final BridgeMetrics metrics;
    private final HelpdeskInbound inbound;
    private final AgentReplies replies;
    private final Inactivity inactivity;

    HelpdeskMode(Settings config, HelpdeskConnector connector, EpisodeCodec episodes,
                            HandBack handBack, BridgeMetrics metrics, HelpdeskInbound inbound,
                            Reclaim reclaim) {
        this.config = config;
        this.connector = connector;
        this.episodes = episodes;
        this.handBack = handBack;
        this.metrics = metrics;
        this.inbound = inbound;
        this.inactivity = new Inactivity(config.helpdesk().handBackAfterDuration(), episodes, connector,
                handBack, metrics);
        this.replies = new AgentReplies(connector, episodes, handBack, metrics, inactivity, reclaim,
                new Personas(config.helpdesk(), metrics));
    }

    @Override
    public void onHandover(HandoverEvent event, Conversation conversation) {
        Episode episode = episodes.load(conversation.state());
        long at = event.header().timestamp();
        if (event instanceof HandoverEvent.PassThreadControl pass && conversation.appId().equals(pass.newOwnerAppId())) {
            if (Reclaim.isReclaim(pass.metadata())) {
                return; // the thread coming back for an agent's reply, which asked for it: nothing new
            }
            ReturningPerson returning = ReturningPerson.parse(pass.metadata());
            if (returning != null && episode.isOpen()) {
                // The person came back to the default app, which passed straight back: the same ticket goes on.
                metrics.returned();
                mirror(conversation, episode, at, returning.mid(), returning.text(), List.of());
                return;
            }
            String key = at + ":" + pass.previousOwnerAppId();
            if (!key.equals(episode.handoverKey()) && conversation.ownsThread() && !episode.isOpen()) {
                open(conversation, episode, at, key, pass.metadata());
                if (returning != null) {
                    // The ticket had been closed (inactivity, a lapse) without the default app knowing: a new
                    // ticket, and the person's words go on it as its first message.
                    Episode opened = episodes.load(conversation.state());
                    if (opened.isOpen()) {
                        mirror(conversation, opened, at, returning.mid(), returning.text(), List.of());
                    }
                }
            }
        } else if (event instanceof HandoverEvent.TakeThreadControl take && episode.isOpen()
                && !conversation.appId().equals(take.newOwnerAppId())) {
            episodes.save(conversation.state(), episode.closed());
            inactivity.disarm(conversation);
            metrics.handBack("taken");
            tellQuietly(() -> connector.ticketClosed(episode.ticket(), "taken by app " + take.newOwnerAppId()),
                    "ticket_closed");
        }
    }

    @Override
    public void onMessage(MessageEvent event, Conversation conversation) {
        List<String> urls = event.message().attachments().stream().map(Attachment::url).filter(Objects::nonNull)
                .toList();
        fromPerson(conversation, event.header().timestamp(), event.message().mid(), event.message().text(), urls);
    }

    @Override
    public void onPostback(PostbackEvent event, Conversation conversation) {
        String title = event.title() == null ? "a button" : event.title();
        fromPerson(conversation, event.header().timestamp(), event.mid(), "[tapped] " + title, List.of());
    }

    /**
     * The person writing while another app has the thread (Meta routes a message after a day of silence to the
     * default app, even during a ticket): the agent still sees it on the ticket; the bot answers it.
     */
    @Override
    public void onStandby(WebhookEvent event, Conversation conversation) {
        if (!episodes.load(conversation.state()).isOpen()) {
            return;
        }
        if (event instanceof MessageEvent message) {
            onMessage(message, conversation);
        } else if (event instanceof PostbackEvent postback) {
            onPostback(postback, conversation);
        }
    }

    @Override
    public void onReferral(ReferralEvent event, Conversation conversation) {
        Episode episode = episodes.load(conversation.state());
        if (!episode.isOpen() && conversation.ownsThread()) {
            open(conversation, episode, event.header().timestamp(), null, null); // an m.me link routed to the bridge
        }
    }

    @Override
    public void onTimer(String timerName, Conversation conversation) {
        if (Inactivity.TIMER.equals(timerName)) {
            inactivity.expire(conversation);
            return;
        }
        if (!HelpdeskInbound.TIMER.equals(timerName)) {
            return;
        }
        for (HelpdeskInbound.Pending next : inbound.drain(conversation.key())) {
            try {
                next.outcome().complete(replies.handle(next.event(), conversation));
            } catch (RuntimeException e) {
                next.outcome().completeExceptionally(e);
                throw e;
            }
        }
    }

    private void fromPerson(Conversation conversation, long at, String mid, String text, List<String> urls) {
        Episode episode = episodes.load(conversation.state());
        if (!episode.isOpen()) {
            if (conversation.ownsThread()) {
                open(conversation, episode, at, null, null); // handed to the bridge without a pass it saw
            }
            return;
        }
        mirror(conversation, episode, at, mid, text, urls);
    }

    /**
     * Puts a person message on the open ticket, once per {@code mid}: the same message can reach the bridge on
     * standby and in the default app's {@code returning} pass, in either order.
     */
    private void mirror(Conversation conversation, Episode episode, long at, String mid, String text,
                        List<String> urls) {
        inactivity.arm(conversation);
        if (episode.hasMirrored(mid)) {
            return;
        }
        HelpdeskMessage message = new HelpdeskMessage(episode.ticket(), text, urls, Instant.ofEpochMilli(at));
        tellQuietly(() -> connector.personMessage(message), "message");
        episodes.save(conversation.state(), episode.mirroredAt(at, mid)); // after: a crash repeats, never loses it
    }

    private void open(Conversation conversation, Episode episode, long at, String key, String summary) {
        int number = episode.number() + 1;
        String ticket = Tickets.id(conversation.key(), number);
        Episode opened = episode.next(ticket, Episode.Phase.HELPDESK_OPEN, at, key, summary);
        try {
            connector.ticketOpened(new HelpdeskTicket(ticket, conversation.key().pageId(), conversation.key().userId(),
                    conversation.platform().name().toLowerCase(Locale.ROOT), summary, Instant.ofEpochMilli(at)));
        } catch (HelpdeskUnavailableException e) {
            // No human can take it: say so and give the conversation straight back rather than leave it mute.
            log.warn("helpdesk unavailable for {} ({}); handing back", conversation.key(), e.getMessage());
            metrics.helpdeskFailure("ticket_opened");
            episodes.save(conversation.state(), opened.closed());
            conversation.reply(config.helpdesk().unavailableText());
            handBack.handBack(conversation, "human-unavailable", "helpdesk-unavailable", null, null);
            return;
        }
        // Recorded after the handoff line: a crash in between repeats the line and ticket.opened with the same
        // ticket id when the pass is redelivered (at least once), rather than leave the person without it.
        try {
            if (config.handoffText() != null) {
                conversation.reply(config.handoffText());
            }
        } finally {
            episodes.save(conversation.state(), opened);
            inactivity.arm(conversation);
            metrics.handoff("bridge");
        }
    }

    private void tellQuietly(Runnable call, String what) {
        try {
            call.run();
        } catch (HelpdeskUnavailableException e) {
            log.warn("helpdesk call {} failed ({})", what, e.getMessage());
            metrics.helpdeskFailure(what);
        }
    }
}
