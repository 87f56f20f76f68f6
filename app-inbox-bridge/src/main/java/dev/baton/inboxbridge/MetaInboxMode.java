package dev.baton.inboxbridge;

import dev.baton.event.EchoEvent;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.graph.error.GraphException;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.ThreadOwnership;

/**
 * Mode {@code meta-inbox}: conversations passed to the bridge go on to Meta Business Suite Inbox
 * (263902037430900; on Instagram 1217981644879628), and the bridge watches on standby: the agents' replies
 * (echoes carrying the inbox's app id), the inbox taking control, and control coming back. When the inbox
 * passes the thread back to the bridge, the bridge gives it to the default app with {@code human-done}
 * metadata. Under Conversation Routing an agent marking the conversation Done gives it to the default app
 * directly (Meta tells that app with a handover event); the bridge sees the default app talking and closes the
 * episode ({@code handbacks{via=inbox-done}}). An agent answering in the inbox on their own (no handoff) is watched the same way, from
 * their first reply. It never sends while the humans have the thread; the only thing it ever says is the optional
 * handoff text, while it owns the thread on the way through.
 */
final class MetaInboxMode implements ConversationApp {

    private final Settings config;
    private final EpisodeCodec episodes;
    private final HandBack handBack;
    private final BridgeMetrics metrics;

    MetaInboxMode(Settings config, EpisodeCodec episodes, HandBack handBack,
                             BridgeMetrics metrics) {
        this.config = config;
        this.episodes = episodes;
        this.handBack = handBack;
        this.metrics = metrics;
    }

    @Override
    public void onHandover(HandoverEvent event, Conversation conversation) {
        Episode episode = episodes.load(conversation.state());
        String inbox = MetaInboxes.inboxAppId(config, conversation.platform());
        long at = event.header().timestamp();
        if (event instanceof HandoverEvent.PassThreadControl pass && conversation.appId().equals(pass.newOwnerAppId())) {
            String key = at + ":" + pass.previousOwnerAppId();
            if (key.equals(episode.handoverKey()) || !conversation.ownsThread()) {
                return; // a duplicate, or a pass overtaken by later changes
            }
            if (inbox.equals(pass.previousOwnerAppId()) && episode.isOpen()) {
                episodes.save(conversation.state(), episode.closed().keyed(key));
                handBack.handBack(conversation, "human-done", "inbox", null, null);
                return;
            }
            if (episode.isOpen() && ReturningPerson.parse(pass.metadata()) != null) {
                // The person came back to the default app during the stay (Meta's 24-hour lapse) and it passed
                // straight back: on to the inbox again, same episode, nothing said.
                conversation.passTo(inbox, pass.metadata());
                metrics.returned();
                return;
            }
            toInbox(conversation, episode, inbox, at, key, pass.metadata());
        } else if (event instanceof HandoverEvent.TakeThreadControl take && inbox.equals(take.newOwnerAppId())
                && episode.isOpen()) {
            humanActed(conversation, episode, at, false);
        }
    }

    @Override
    public void onMessage(MessageEvent event, Conversation conversation) {
        ownedUnannounced(conversation, event.header().timestamp());
    }

    @Override
    public void onPostback(PostbackEvent event, Conversation conversation) {
        ownedUnannounced(conversation, event.header().timestamp());
    }

    @Override
    public void onReferral(ReferralEvent event, Conversation conversation) {
        ownedUnannounced(conversation, event.header().timestamp()); // an m.me link routed straight to the bridge
    }

    @Override
    public void onStandby(WebhookEvent event, Conversation conversation) {
        Episode episode = episodes.load(conversation.state());
        if (!(event instanceof EchoEvent echo) || echo.appId() == null) {
            return;
        }
        String inbox = MetaInboxes.inboxAppId(config, conversation.platform());
        if (!episode.isOpen()) {
            if (inbox.equals(echo.appId())) {
                // An agent answered in the inbox on their own (the inbox took the thread): watch this stay too.
                long at = echo.header().timestamp();
                episodes.save(conversation.state(), episode.next(null, Episode.Phase.WITH_INBOX, at, null,
                        null).humanReplied(at, null));
                metrics.handoff("inbox-took");
            }
            return;
        }
        if (inbox.equals(echo.appId())) {
            humanActed(conversation, episode, echo.header().timestamp(), true);
        } else if (!conversation.appId().equals(echo.appId())) {
            // Another app is talking, so it owns the thread: the humans are done (an agent marked it Done, the
            // inbox released, or the thread went idle and back to the default app). Nobody is told by the
            // bridge: that app already has control, and Meta's handover told it where the thread came from.
            episodes.save(conversation.state(), episode.closed());
            metrics.handBack(handedOnByTheInbox(conversation, inbox) ? "inbox-done" : "elsewhere");
        }
    }

    /**
     * True when the deployment learned the current owner from a handover webhook and it is neither the inbox
     * nor the bridge: the inbox passed the thread on (an agent marked it Done; Meta gives it to the default
     * app with {@code pass_thread_control}, previous owner the inbox). A lapse back to the default app sends
     * no webhook, so the owner is then known from a message instead.
     */
    private static boolean handedOnByTheInbox(Conversation conversation, String inbox) {
        ThreadOwnership owner;
        try {
            owner = conversation.owner();
        } catch (GraphException e) {
            return false; // only the metric's label depends on it
        }
        return owner.source() == ThreadOwnership.Source.HANDOVER_EVENT && owner.ownerAppId() != null
                && !inbox.equals(owner.ownerAppId()) && !owner.isOwnedBy(conversation.appId());
    }

    /** The bridge owns the thread but saw no pass: it passes on to the inbox, or back if the humans are done. */
    private void ownedUnannounced(Conversation conversation, long at) {
        Episode episode = episodes.load(conversation.state());
        if (!conversation.ownsThread()) {
            return;
        }
        if (episode.isOpen()) {
            episodes.save(conversation.state(), episode.closed());
            handBack.handBack(conversation, "human-done", "inbox", null, null);
            return;
        }
        String inbox = MetaInboxes.inboxAppId(config, conversation.platform());
        toInbox(conversation, episode, inbox, at, null, null);
    }

    private void toInbox(Conversation conversation, Episode episode, String inbox, long at, String key,
                         String metadata) {
        Episode opened = episode.next(null, Episode.Phase.WITH_INBOX, at, key, metadata);
        if (config.handoffText() != null) {
            conversation.reply(config.handoffText());
        }
        conversation.passTo(inbox, metadata == null || metadata.isBlank() ? "{\"from\":\"inbox-bridge\"}" : metadata);
        // Recorded once the thread is with the inbox: a pass that failed leaves no episode (the next message
        // tries again), and a crash before this line repeats the handoff when the event is redelivered.
        episodes.save(conversation.state(), opened);
        metrics.handoff("bridge");
    }

    private void humanActed(Conversation conversation, Episode episode, long at, boolean replied) {
        if (episode.humanAt() == 0) {
            metrics.timeToHuman(Math.max(0, at - episode.openedAt()));
        }
        if (replied && episode.firstReplyAt() == 0) {
            metrics.timeToFirstReply(Math.max(0, at - episode.openedAt()));
        }
        episodes.save(conversation.state(), replied ? episode.humanReplied(at, null) : episode.humanActed(at));
    }
}
