package dev.baton.defaultapp;

import dev.baton.event.EchoEvent;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.Referral;
import dev.baton.event.ReferralEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.RedeliveryGuard;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;

/**
 * The Page's default app: answers every entry point except Click-to-Message ads, takes over what the
 * marketing app passes on, hands people who ask for one to humans, and watches on standby meanwhile.
 *
 * <p>Threading: one instance serves all conversations; all per-conversation data lives in the
 * conversation's state, and callbacks of one conversation never overlap (the dispatcher's promise).
 * It sends only when it owns the thread; everything else it merely remembers.
 */
public final class DefaultApp implements ConversationApp {

    static final long WINDOW_MILLIS = Duration.ofHours(24).toMillis();

    private final Settings config;
    private final TurnMetrics metrics;
    private final MemoryCodec memories = new MemoryCodec();
    private final StandbyWatcher watcher;
    private final AnswerChain chain;
    private final Escalator escalator;
    private final Handovers handovers;
    private final ReturningPerson returning;

    public DefaultApp(Settings config, List<TurnHandler> handlers, PeerApps peers,
                      MeterRegistry registry, String appName) {
        this.config = config;
        this.metrics = new TurnMetrics(registry, appName);
        this.watcher = new StandbyWatcher(config.contextMessages());
        this.chain = new AnswerChain(config, handlers, new AnswerSender(), metrics);
        this.escalator = new Escalator(config.escalation(), peers, metrics);
        this.handovers = new Handovers(config, peers, chain, escalator, metrics);
        this.returning = new ReturningPerson(config.escalation(), peers, metrics);
    }

    @Override
    public void onMessage(MessageEvent event, Conversation conversation) {
        ConversationMemory before = memories.load(conversation.state());
        String done = RedeliveryGuard.keyOf(event);
        if (alreadyDone(conversation, before, done)) {
            return;
        }
        Referral referral = event.message().referral();
        EntryPoint entry = referral != null ? arrivalBy(referral) : byTime(before, event);
        Incoming turn = new Incoming(entry, event.message().text(), event.message().quickReplyPayload(),
                event.header().timestamp(), event.message().mid(), Observations.describe(event.message()));
        respondOnce(conversation, before, watcher.observe(event, before), turn, done);
    }

    @Override
    public void onPostback(PostbackEvent event, Conversation conversation) {
        ConversationMemory before = memories.load(conversation.state());
        String done = RedeliveryGuard.keyOf(event);
        if (alreadyDone(conversation, before, done)) {
            return;
        }
        boolean getStarted = config.getStartedPayload().equals(event.payload());
        EntryPoint entry = getStarted ? EntryPoint.GET_STARTED : EntryPoint.MENU;
        String title = event.title() == null ? "a button" : event.title();
        Incoming turn = new Incoming(entry, getStarted ? null : event.title(), getStarted ? null : event.payload(),
                event.header().timestamp(), event.mid(), "[tapped] " + title);
        respondOnce(conversation, before, watcher.observe(event, before), turn, done);
    }

    @Override
    public void onReferral(ReferralEvent event, Conversation conversation) {
        ConversationMemory before = memories.load(conversation.state());
        String done = RedeliveryGuard.keyOf(event);
        if (alreadyDone(conversation, before, done)) {
            return;
        }
        // A link or ad tap is a new entry, not a word to the humans: it is answered, and ends an open escalation.
        ConversationMemory memory = ReturningPerson.expire(watcher.observe(event, before));
        Incoming turn = new Incoming(arrivalBy(event.referral()), null, null, event.header().timestamp(), null, null);
        respondOnce(conversation, memory, memory, turn, done);
    }

    @Override
    public void onHandover(HandoverEvent event, Conversation conversation) {
        // Handovers have no mid; the last one handled is recorded after its effects (lastHandover), which also
        // keeps a redelivered one from being answered twice.
        ConversationMemory memory = memories.load(conversation.state());
        // First close an escalation the humans are done with, then handle (which may open a new one).
        ConversationMemory updated = handovers.handle(event,
                returning.afterHandover(event, conversation.appId(), memory), conversation);
        if (updated != memory) {
            memories.save(conversation.state(), updated);
        }
    }

    @Override
    public void onEcho(EchoEvent event, Conversation conversation) {
        remember(event, memories.load(conversation.state()), conversation);
    }

    @Override
    public void onStandby(WebhookEvent event, Conversation conversation) {
        remember(event, memories.load(conversation.state()), conversation);
    }

    private void remember(WebhookEvent event, ConversationMemory memory, Conversation conversation) {
        ConversationMemory updated = watcher.observe(event, memory);
        if (event instanceof EchoEvent echo) {
            updated = returning.afterEcho(echo, conversation.appId(), updated);
        } else if (event instanceof HandoverEvent handover) {
            updated = returning.afterHandover(handover, conversation.appId(), updated);
        }
        memories.save(conversation.state(), updated);
    }

    /**
     * True (and counted) when the event is handed over again after a crash and this app had finished it: its
     * answer or pass already went out, so nothing is repeated.
     */
    private boolean alreadyDone(Conversation conversation, ConversationMemory memory, String done) {
        if (conversation.redelivered() && done.equals(memory.lastDone())) {
            metrics.redeliveredSkipped();
            return true;
        }
        return false;
    }

    /**
     * Answers the turn and then records it as done, in one write with what the turn taught the app. A crash
     * after an answer went out but before that write makes the redelivered turn answer again (at least once).
     */
    private void respondOnce(Conversation conversation, ConversationMemory before, ConversationMemory memory, Incoming turn,
                             String done) {
        ConversationMemory kept = memory;
        try {
            kept = respond(conversation, before, memory, turn);
        } finally {
            memories.save(conversation.state(), kept.withDone(done));
        }
    }

    private ConversationMemory respond(Conversation conversation, ConversationMemory before, ConversationMemory memory,
                                     Incoming turn) {
        if (!conversation.ownsThread()) {
            metrics.entry(turn.entry());
            metrics.notOwner();
            return memory;
        }
        ConversationMemory.Escalation open = returning.open(before, turn.at());
        if (open != null && returning.passBack(conversation, open, turn.mid(), turn.said())) {
            return memory;
        }
        memory = ReturningPerson.expire(memory); // too old, switched off, or the pass failed: the bot answers
        metrics.entry(turn.entry());
        if (escalator.asksForHuman(turn.text(), turn.payload())) {
            return escalator.escalate(conversation, escalator.reason(turn.payload()), turn.entry(), memory, turn.at());
        }
        String ref = memory.referral() == null ? null : memory.referral().ref();
        chain.answer(new Turn(turn.entry(), turn.text(), turn.payload(), ref,
                Observations.context(turn.entry(), memory)), conversation);
        return memory;
    }

    /** One person turn: how they came, what they said or tapped, when, and its mid and readable form. */
    private record Incoming(EntryPoint entry, String text, String payload, long at, String mid, String said) {}

    private static EntryPoint arrivalBy(Referral referral) {
        return referral.isAd() ? EntryPoint.AD : EntryPoint.LINK;
    }

    /** Organic when the app has seen nothing of this person, after-window when their last message is > 24 h old. */
    private static EntryPoint byTime(ConversationMemory before, MessageEvent event) {
        if (before.lastPersonAt() == 0) {
            return EntryPoint.ORGANIC;
        }
        return event.header().timestamp() - before.lastPersonAt() > WINDOW_MILLIS
                ? EntryPoint.AFTER_WINDOW : EntryPoint.ONGOING;
    }
}
