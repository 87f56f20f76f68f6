package dev.baton.emulator.engine;

import dev.baton.event.Channel;
import dev.baton.event.HandoverEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * Pass, release, take, request and extend, as the seed and the facts sheet describe them. On a Page with a
 * default app (Conversation Routing) only pass and release work, owner only; the rest answer "Handover
 * Protocol APIs disabled for this page." Without a default app (zero-config) any app may pass an idle thread
 * (even to itself), request works, take does not.
 */
final class ThreadControlRules {

    private static final Duration MAX_EXTENSION = Duration.ofDays(7);

    private final PageState page;
    private final ThreadState thread;
    private final Instant now;
    private final Fanout fanout;

    ThreadControlRules(PageState page, ThreadState thread, Instant now, Fanout fanout) {
        this.page = page;
        this.thread = thread;
        this.now = now;
        this.fanout = fanout;
    }

    /** Checks a pass without changing anything; returns the resolved target. */
    String checkPass(String callerId, String requestedTarget) {
        return checkPass(callerId, requestedTarget, thread.ownerAppId);
    }

    /** As {@link #checkPass(String, String)}, as if {@code owner} owned the thread (a send about to take it). */
    String checkPass(String callerId, String requestedTarget, String owner) {
        boolean idle = owner == null;
        if (!idle && !owner.equals(callerId)) {
            throw GraphError.notThreadOwner().exception();
        }
        String target = requestedTarget != null ? requestedTarget : page.defaultAppId();
        if (target == null) {
            throw GraphError.invalidParameter("target_app_id is required: this Page has no default app").exception();
        }
        if (!page.isConnected(target)) {
            throw GraphError.invalidParameter("target_app_id " + target + " is not an app connected to this Page").exception();
        }
        if (target.equals(callerId) && !idle) {
            // A pass that changes no owner only carries metadata: Meta lists "pass thread metadata" as disabled.
            throw (page.conversationRouting() ? GraphError.handoverProtocolDisabled()
                    : GraphError.invalidParameter("an app cannot pass a thread it owns to itself")).exception();
        }
        return target;
    }

    /** The new owner gets messaging_handover pass_thread_control; the old owner gets nothing. */
    void pass(String callerId, String requestedTarget, String metadata) {
        String target = checkPass(callerId, requestedTarget);
        String previous = thread.ownerAppId;
        thread.giveControl(target, now);
        fanout.toApp(target, new HandoverEvent.PassThreadControl(
                fanout.fromPerson(now.toEpochMilli(), Channel.MESSAGING), previous, target, metadata));
    }

    void checkRelease(String callerId) {
        if (thread.ownerAppId == null || !thread.ownerAppId.equals(callerId)) {
            throw GraphError.notThreadOwner().exception();
        }
    }

    /** Control returns to the default app (idle without one); no webhook to anyone. */
    void release(String callerId) {
        checkRelease(callerId);
        thread.giveControl(page.defaultAppId(), now);
    }

    void take(String callerId) {
        throw (page.conversationRouting() ? GraphError.handoverProtocolDisabled()
                : GraphError.notSupportedWithoutConversationRouting("take_thread_control")).exception();
    }

    /** Zero-config only: an idle thread goes to the caller (with a pass webhook); else the owner is asked. */
    void request(String callerId, String metadata) {
        if (page.conversationRouting()) {
            throw GraphError.handoverProtocolDisabled().exception();
        }
        if (callerId.equals(thread.ownerAppId)) {
            throw GraphError.invalidParameter("the app already controls this thread").exception();
        }
        if (thread.ownerAppId == null) {
            thread.giveControl(callerId, now);
            fanout.toApp(callerId, new HandoverEvent.PassThreadControl(
                    fanout.fromPerson(now.toEpochMilli(), Channel.MESSAGING), null, callerId, metadata));
            return;
        }
        fanout.toApp(thread.ownerAppId, new HandoverEvent.RequestThreadControl(
                fanout.fromPerson(now.toEpochMilli(), Channel.MESSAGING), callerId, metadata));
    }

    /** Zero-config only: the owner keeps control for {@code duration} (up to 7 days). */
    void extend(String callerId, Duration duration) {
        if (page.conversationRouting()) {
            throw GraphError.handoverProtocolDisabled().exception();
        }
        if (thread.ownerAppId == null || !thread.ownerAppId.equals(callerId)) {
            throw GraphError.notThreadOwner().exception();
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_EXTENSION) > 0) {
            throw GraphError.invalidParameter("duration must be between 1 and 604800 seconds").exception();
        }
        thread.controlExpiresAt = now.plus(duration);
    }
}
