package dev.baton.dispatch;

import dev.baton.event.ConversationKey;
import dev.baton.event.MessageEvent;
import dev.baton.event.Platform;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.ConversationStore.Claim;
import dev.baton.spi.EventJournal;
import dev.baton.spi.WorkSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one event in its conversation's lane: the claim (dedupe), the person's last-message time,
 * the dispatch listeners, the app's callback (timed; a throw is logged without its message and counted),
 * then {@code markDone} in the journal. Timers: {@link TimerFiring}.
 *
 * <p>Across a crash: an event whose journal entry a previous run claimed and did not mark done is handed
 * over again on replay with {@link Conversation#redelivered()} true (at least once); an event claimed by
 * another journal entry is Meta's repeat and is dropped (never twice otherwise). A live event is never
 * flagged: its journal entry is new, so no earlier run can have claimed it.
 *
 * <p>The callback's calls to Meta are numbered and their outcomes recorded with the claim ({@link SendRecord}),
 * so a redelivered event answers the calls its interrupted hand-over already made from that record.
 *
 * <p>If the store fails before the callback (claim or last-message write), the event is not marked done,
 * so the next start replays it; once the callback ran, the event is marked done even if the callback threw:
 * a failing app is not fed the same event again and again.
 */
final class EventHandling {

    private static final Logger LOG = LoggerFactory.getLogger(EventHandling.class);

    private final EventJournal journal;
    private final ConversationStore store;
    private final List<DispatchListener> listeners;
    private final Clock clock;
    private final TimerScheduler timers;
    private final DispatchMetrics metrics;
    private final Deduplicator deduplicator;
    private final String pageId;
    private final Set<String> otherPagesLogged = ConcurrentHashMap.newKeySet();
    /** Null on the single-instance path; else whether this instance still runs a conversation. */
    private final WorkSource workSource;

    EventHandling(EventJournal journal, ConversationStore store, List<DispatchListener> listeners, Clock clock,
                  TimerScheduler timers, DispatchMetrics metrics, Deduplicator deduplicator, String pageId,
                  WorkSource workSource) {
        this.workSource = workSource;
        this.journal = journal;
        this.store = store;
        this.listeners = listeners;
        this.clock = clock;
        this.timers = timers;
        this.metrics = metrics;
        this.deduplicator = deduplicator;
        this.pageId = pageId;
    }

    /**
     * Handles one event in its lane. {@code replayed}: the event comes from the journal at start-up, not from
     * a webhook of this run. Returns null when the event is finished, or (when the store keeps the claim with
     * a sync) a stage completing with the rest of the work once the claim is durable: the lane runs it before
     * its next event, and no thread waits for the disk meanwhile. {@code onCaller}: running on the thread
     * that journaled the batch, not a worker (the store's claims only queue): then even a claim answered at
     * once is finished on a worker, never here.
     */
    CompletionStage<Runnable> handle(DispatchTarget target, Platform platform, WebhookEvent event, long batchId,
                                     int index, boolean replayed, boolean onCaller) {
        String appName = target.name();
        CompletableFuture<Claim> claim;
        try {
            if (pageId != null && !pageId.equals(event.header().pageId())) {
                otherPage(appName, event);
                markDone(batchId, index);
                return null;
            }
            claim = deduplicator.claimAsync(appName, event, Deduplicator.entry(batchId, index));
        } catch (RuntimeException storeFailure) {
            notPrepared(appName, event, storeFailure);
            return null;
        }
        if (claim.isDone() && !onCaller) {
            claimed(target, platform, event, batchId, index, replayed, claim);
            return null;
        }
        return claim.handle((answer, failure) -> () -> claimed(target, platform, event, batchId, index, replayed, claim));
    }

    private void claimed(DispatchTarget target, Platform platform, WebhookEvent event, long batchId, int index,
                         boolean replayed, CompletableFuture<Claim> answer) {
        String appName = target.name();
        try {
            Claim claim;
            try {
                claim = answer.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            // A live SAME_CLAIMANT can only mean a journal that reuses ids across runs (the in-memory one
            // over a durable store): the key belongs to an earlier event, so it is Meta's repeat.
            boolean redelivered = claim == Claim.SAME_CLAIMANT && replayed;
            if ((claim == Claim.NEW || redelivered) && workSource != null
                    && !workSource.runsHere(event.conversation())) {
                // Lost the conversation after the claim (a pause past the lease): its new holder hands
                // the event over, flagged; nothing here may, and it is not marked done here.
                metrics.duplicate(appName, event.kind());
                return;
            }
            if (claim == Claim.NEW || redelivered) {
                deliver(target, platform, event, Deduplicator.entry(batchId, index), redelivered);
            } else {
                metrics.duplicate(appName, event.kind());
            }
        } catch (RuntimeException storeFailure) {
            notPrepared(appName, event, storeFailure);
            return;
        }
        markDone(batchId, index);
    }

    private void notPrepared(String appName, WebhookEvent event, RuntimeException storeFailure) {
        LOG.error("could not prepare a {} event for app '{}'; it stays in the journal for the next start",
                event.kind(), appName, HandlerFailure.of(storeFailure));
    }

    private void markDone(long batchId, int index) {
        try {
            journal.markDone(batchId, index);
        } catch (RuntimeException e) {
            // Only costs a replay, which the claim turns into a flagged redelivery (or a drop for a repeat).
            LOG.warn("could not mark event {} of batch {} done ({})", index, batchId, e.getClass().getName());
        }
    }

    private void deliver(DispatchTarget target, Platform platform, WebhookEvent event, String entry,
                         boolean redelivered) {
        String appName = target.name();
        recordLastUserMessage(event);
        notifyListeners(target, event);
        metrics.event(appName, event.kind(), event.channel());
        if (redelivered) {
            metrics.redelivered(appName, event.kind());
            LOG.info("app '{}' gets a {} event again, flagged redelivered: the last run stopped while handing it over",
                    appName, event.kind());
        }
        DefaultConversation conversation = new DefaultConversation(target, event.conversation(), platform,
                store, clock, timers, redelivered, new SendRecord(store, metrics, appName, entry, redelivered));
        long started = System.nanoTime();
        try {
            CallbackRouter.route(target.handler(), event, conversation);
        } catch (Throwable failure) {
            metrics.handlerFailure(appName, event.kind());
            LOG.warn("app '{}' failed on a {} event ({}) of page {}", appName, event.kind(),
                    event.channel(), event.header().pageId(), HandlerFailure.of(failure));
        } finally {
            conversation.invalidate();
            metrics.handlerLatency(appName, event.kind()).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private void otherPage(String appName, WebhookEvent event) {
        metrics.otherPage(appName);
        if (otherPagesLogged.size() < 100 && otherPagesLogged.add(appName + "/" + event.header().pageId())) {
            LOG.warn("app '{}' received events for page {}, not this deployment's page {}; dropped",
                    appName, event.header().pageId(), pageId);
        }
    }

    /** Messages, postbacks and referrals come from the person, in messaging[] or standby[]. */
    private void recordLastUserMessage(WebhookEvent event) {
        if (!(event instanceof MessageEvent || event instanceof PostbackEvent || event instanceof ReferralEvent)) {
            return;
        }
        long timestamp = event.header().timestamp();
        if (timestamp <= 0) {
            return;
        }
        Instant at = Instant.ofEpochMilli(timestamp);
        ConversationKey key = event.conversation();
        Optional<Instant> known = store.lastUserMessage(key);
        if (known.isEmpty() || at.isAfter(known.get())) {
            store.putLastUserMessage(key, at);
        }
    }

    private void notifyListeners(DispatchTarget target, WebhookEvent event) {
        for (DispatchListener listener : listeners) {
            try {
                listener.beforeHandle(target.app(), event);
            } catch (RuntimeException e) {
                metrics.listenerFailure();
                LOG.warn("dispatch listener {} failed", listener.getClass().getName(), HandlerFailure.of(e));
            }
        }
    }
}
