package dev.baton.dispatch;

import dev.baton.event.Platform;
import dev.baton.spi.ConversationStore;
import dev.baton.spi.ConversationStore.Claim;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one due timer in its conversation's lane: checked against cancellation, claimed, the
 * app's {@code onTimer} (a throw is logged without its message and counted), then forgotten in the store
 * unless the callback set it again.
 */
final class TimerFiring {

    private static final Logger LOG = LoggerFactory.getLogger(TimerFiring.class);

    private final ConversationStore store;
    private final Clock clock;
    private final TimerScheduler timers;
    private final DispatchMetrics metrics;
    private final Platform pagePlatform;

    TimerFiring(ConversationStore store, Clock clock, TimerScheduler timers, DispatchMetrics metrics,
                Platform pagePlatform) {
        this.store = store;
        this.clock = clock;
        this.timers = timers;
        this.metrics = metrics;
        this.pagePlatform = pagePlatform;
    }

    /**
     * Timers are at least once across a crash (the store forgets one only after its callback returned), so a
     * firing is claimed in the store first, keyed by the timer and its due time: a firing a previous run had
     * started is flagged redelivered, like a replayed event. Timers are never dropped by the claim. When the
     * store cannot answer, the callback still runs, flagged (the app is told to check, the safe side).
     */
    void fire(DispatchTarget target, TimerScheduler.DueTimer due) {
        if (!timers.claim(due)) {
            return; // cancelled or set again since it came due
        }
        String appName = due.timer().appName();
        if (target == null) {
            LOG.warn("timer '{}' belongs to app '{}', which is not hosted now; dropped", due.timer().timerName(), appName);
            timers.finish(due);
            return;
        }
        boolean redelivered = firedBefore(due);
        if (redelivered) {
            metrics.redelivered(appName, "timer");
        }
        DefaultConversation conversation = new DefaultConversation(target, due.timer().key(), pagePlatform, store,
                clock, timers, redelivered,
                new SendRecord(store, metrics, appName, firingKey(due.timer()), redelivered));
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

    private boolean firedBefore(TimerScheduler.DueTimer due) {
        ConversationStore.StoredTimer timer = due.timer();
        String firing = firingKey(timer);
        try {
            return store.claim(timer.appName(), firing, firing) != Claim.NEW;
        } catch (RuntimeException storeFailure) {
            LOG.warn("could not record the firing of timer '{}' of app '{}'; it runs flagged redelivered",
                    timer.timerName(), timer.appName(), HandlerFailure.of(storeFailure));
            return true;
        }
    }

    /**
     * The dedupe key (and claimant) of one firing: the timer and the time it was due. A timer an app sets
     * again for the very same instant from its own callback would share it (and be flagged): harmless.
     */
    static String firingKey(ConversationStore.StoredTimer timer) {
        return "timer:" + timer.key().pageId() + ":" + timer.key().userId() + ":" + timer.timerName() + "@"
                + timer.dueAt();
    }
}
