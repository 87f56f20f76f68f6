package dev.baton.dispatch;

import dev.baton.event.ConversationKey;
import dev.baton.event.MessageEvent;
import dev.baton.event.Platform;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReferralEvent;
import dev.baton.event.WebhookEvent;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.EventJournal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one event in its conversation's lane: dedupe, the person's last-message time, the
 * dispatch listeners, the app's callback (timed; a throw is logged without its message and counted), then
 * {@code markDone} in the journal. And the same for a due timer.
 *
 * <p>If the store fails before the callback (dedupe or last-message write), the event is not marked done,
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
    private final Platform pagePlatform;
    private final String pageId;
    private final Set<String> otherPagesLogged = ConcurrentHashMap.newKeySet();

    EventHandling(EventJournal journal, ConversationStore store, List<DispatchListener> listeners, Clock clock,
                  TimerScheduler timers, DispatchMetrics metrics, Deduplicator deduplicator, Platform pagePlatform,
                  String pageId) {
        this.journal = journal;
        this.store = store;
        this.listeners = listeners;
        this.clock = clock;
        this.timers = timers;
        this.metrics = metrics;
        this.deduplicator = deduplicator;
        this.pagePlatform = pagePlatform;
        this.pageId = pageId;
    }

    void handle(DispatchTarget target, Platform platform, WebhookEvent event, long batchId, int index) {
        String appName = target.name();
        try {
            if (pageId != null && !pageId.equals(event.header().pageId())) {
                metrics.otherPage(appName);
                if (otherPagesLogged.size() < 100 && otherPagesLogged.add(appName + "/" + event.header().pageId())) {
                    LOG.warn("app '{}' received events for page {}, not this deployment's page {}; dropped",
                            appName, event.header().pageId(), pageId);
                }
            } else if (!deduplicator.firstSighting(appName, event)) {
                metrics.duplicate(appName, event.kind());
            } else {
                recordLastUserMessage(event);
                notifyListeners(target, event);
                metrics.event(appName, event.kind(), event.channel());
                DefaultConversation conversation = new DefaultConversation(target, event.conversation(), platform,
                        store, clock, timers);
                long started = System.nanoTime();
                try {
                    CallbackRouter.route(target.handler(), event, conversation);
                } catch (Throwable failure) {
                    metrics.handlerFailure(appName, event.kind());
                    LOG.warn("app '{}' failed on a {} event ({}) of page {}", appName, event.kind(),
                            event.channel(), event.header().pageId(), HandlerFailure.of(failure));
                } finally {
                    conversation.invalidate();
                    metrics.handlerLatency(appName, event.kind()).record(System.nanoTime() - started,
                            java.util.concurrent.TimeUnit.NANOSECONDS);
                }
            }
        } catch (RuntimeException storeFailure) {
            LOG.error("could not prepare a {} event for app '{}'; it stays in the journal for the next start",
                    event.kind(), appName, HandlerFailure.of(storeFailure));
            return;
        }
        try {
            journal.markDone(batchId, index);
        } catch (RuntimeException e) {
            // Only costs a replay, which dedupe catches for keyed events.
            LOG.warn("could not mark event {} of batch {} done ({})", index, batchId, e.getClass().getName());
        }
    }

    void fireTimer(DispatchTarget target, TimerScheduler.DueTimer due) {
        if (!timers.claim(due)) {
            return; // cancelled or set again since it came due
        }
        String appName = due.timer().appName();
        if (target == null) {
            LOG.warn("timer '{}' belongs to app '{}', which is not hosted now; dropped", due.timer().timerName(), appName);
            timers.finish(due);
            return;
        }
        DefaultConversation conversation = new DefaultConversation(target, due.timer().key(), pagePlatform, store,
                clock, timers);
        try {
            target.handler().onTimer(due.timer().timerName(), conversation);
            metrics.timerFired(appName);
        } catch (Throwable failure) {
            metrics.handlerFailure(appName, "timer");
            LOG.warn("app '{}' failed on timer '{}'", appName, due.timer().timerName(), HandlerFailure.of(failure));
        } finally {
            conversation.invalidate();
            timers.finish(due);
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
