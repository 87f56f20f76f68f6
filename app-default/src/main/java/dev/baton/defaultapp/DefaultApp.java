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

    private final DefaultAppConfig config;
    private final DefaultAppMetrics metrics;
    private final DefaultAppMemoryStore memories = new DefaultAppMemoryStore();
    private final DefaultAppStandbyWatcher watcher;
    private final DefaultAppChain chain;
    private final DefaultAppEscalator escalator;
    private final DefaultAppHandovers handovers;

    public DefaultApp(DefaultAppConfig config, List<DefaultAppHandler> handlers, DefaultAppPeers peers,
                      MeterRegistry registry, String appName) {
        this.config = config;
        this.metrics = new DefaultAppMetrics(registry, appName);
        this.watcher = new DefaultAppStandbyWatcher(config.contextMessages());
        this.chain = new DefaultAppChain(config, handlers, new DefaultAppResponder(), metrics);
        this.escalator = new DefaultAppEscalator(config.escalation(), peers, metrics);
        this.handovers = new DefaultAppHandovers(config, peers, chain, escalator, metrics);
    }

    @Override
    public void onMessage(MessageEvent event, Conversation conversation) {
        DefaultAppMemory before = memories.load(conversation.state());
        Referral referral = event.message().referral();
        DefaultAppEntryPoint entry = referral != null ? arrivalBy(referral) : byTime(before, event);
        DefaultAppMemory memory = remember(event, before, conversation);
        respond(conversation, memory, entry, event.message().text(), event.message().quickReplyPayload());
    }

    @Override
    public void onPostback(PostbackEvent event, Conversation conversation) {
        DefaultAppMemory before = memories.load(conversation.state());
        boolean getStarted = config.getStartedPayload().equals(event.payload());
        DefaultAppEntryPoint entry = getStarted ? DefaultAppEntryPoint.GET_STARTED : DefaultAppEntryPoint.MENU;
        DefaultAppMemory memory = remember(event, before, conversation);
        respond(conversation, memory, entry, getStarted ? null : event.title(), getStarted ? null : event.payload());
    }

    @Override
    public void onReferral(ReferralEvent event, Conversation conversation) {
        DefaultAppMemory memory = remember(event, memories.load(conversation.state()), conversation);
        respond(conversation, memory, arrivalBy(event.referral()), null, null);
    }

    @Override
    public void onHandover(HandoverEvent event, Conversation conversation) {
        DefaultAppMemory memory = memories.load(conversation.state());
        DefaultAppMemory updated = handovers.handle(event, memory, conversation);
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

    private DefaultAppMemory remember(WebhookEvent event, DefaultAppMemory memory, Conversation conversation) {
        DefaultAppMemory updated = watcher.observe(event, memory);
        memories.save(conversation.state(), updated);
        return updated;
    }

    private void respond(Conversation conversation, DefaultAppMemory memory, DefaultAppEntryPoint entry,
                         String text, String payload) {
        metrics.entry(entry);
        if (!conversation.ownsThread()) {
            metrics.notOwner();
            return;
        }
        if (escalator.asksForHuman(text, payload)) {
            escalator.escalate(conversation, escalator.reason(payload), entry, memory);
            return;
        }
        String ref = memory.referral() == null ? null : memory.referral().ref();
        chain.answer(new DefaultAppTurn(entry, text, payload, ref, DefaultAppObservations.context(entry, memory)),
                conversation);
    }

    private static DefaultAppEntryPoint arrivalBy(Referral referral) {
        return referral.isAd() ? DefaultAppEntryPoint.AD : DefaultAppEntryPoint.LINK;
    }

    /** Organic when the app has seen nothing of this person, after-window when their last message is > 24 h old. */
    private static DefaultAppEntryPoint byTime(DefaultAppMemory before, MessageEvent event) {
        if (before.lastPersonAt() == 0) {
            return DefaultAppEntryPoint.ORGANIC;
        }
        return event.header().timestamp() - before.lastPersonAt() > WINDOW_MILLIS
                ? DefaultAppEntryPoint.AFTER_WINDOW : DefaultAppEntryPoint.ONGOING;
    }
}
