package dev.baton.dispatch;

import dev.baton.spi.ConversationStore;
import dev.baton.spi.ConversationStore.RecordedCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls to Meta one callback makes (send, pass, release), numbered 1, 2, ... in the order it makes them,
 * each outcome written to the store ({@link ConversationStore#recordCall}) after Meta answered and before the
 * call returns to the app, keyed by the claim of the event (or timer firing) being handled.
 *
 * <p>On a redelivery (the event's previous hand-over was cut short by a crash) the record of that hand-over is
 * read first, and call {@code n} is answered from record {@code n} without calling Meta, as long as it asks
 * for the same thing (same kind, same request: the fingerprint). So a callback that replied, then crashed
 * before it passed the thread, replies from the record and only the pass goes out. Calls past the last record
 * go out as usual. A record of a call refused before it reached Meta ({@link CallOutcome.NotSent}) is made
 * again; one whose answer never came ({@link CallOutcome.Unknown}) is not (Meta may have done it) and throws
 * the same exception again.
 *
 * <p>Divergence: a handler whose calls depend on time, randomness or anything else that changed since the
 * first run may ask something else at some number. From the first call that does not match its record, the
 * record is no longer used for that callback: that call and every later one go to Meta (and are recorded
 * anew). The earlier, matching calls were not repeated; whatever the first run did past that point may now
 * be done a second time or differently, which is logged and counted ({@code baton.dispatch.calls.diverged}).
 *
 * <p>What stays possible: a call Meta received whose answer had not reached this deployment, or had not been
 * recorded yet, when it crashed is made again on redelivery (Meta's Send API has no idempotency key, so such
 * a repeat cannot be told from a lost send). The window is from Meta's answer to one durable write.
 *
 * <p>Made for one callback, used from its lane's thread only.
 */
final class SendRecord {

    private static final Logger LOG = LoggerFactory.getLogger(SendRecord.class);

    private final ConversationStore store;
    private final DispatchMetrics metrics;
    private final String appName;
    private final String claimant;
    private final List<RecordedCall> earlier;
    private int made;
    private boolean replaying;

    /**
     * {@code claimant}: the claim token of the event or firing; {@code redelivered}: read the record of its
     * earlier hand-over (a live event has none to read).
     */
    SendRecord(ConversationStore store, DispatchMetrics metrics, String appName, String claimant,
            boolean redelivered) {
        this.store = store;
        this.metrics = metrics;
        this.appName = appName;
        this.claimant = claimant;
        this.earlier = redelivered ? readEarlier(store, appName, claimant) : List.of();
        this.replaying = !earlier.isEmpty();
    }

    private static List<RecordedCall> readEarlier(ConversationStore store, String appName, String claimant) {
        try {
            return store.recordedCalls(appName, claimant);
        } catch (RuntimeException e) {
            // Without the record every call goes out again: at least once, as before the record existed.
            LOG.warn("could not read the send record of a redelivered event of app '{}' ({}); its calls go out again",
                    appName, e.getClass().getName());
            return List.of();
        }
    }

    /** Makes call number n+1 (or answers it from the record); {@code what} identifies the request. */
    <T> T call(String endpoint, String what, Supplier<T> toMeta, Codec<T> codec) {
        int seq = ++made;
        String fingerprint = fingerprint(endpoint, what);
        if (replaying) {
            RecordedCall recorded = seq <= earlier.size() ? earlier.get(seq - 1) : null;
            if (recorded == null || recorded.seq() != seq) {
                replaying = false; // past the last record (or a gap): from here on, calls go to Meta
            } else if (!recorded.fingerprint().equals(fingerprint)) {
                replaying = false;
                metrics.callsDiverged(appName);
                LOG.warn("app '{}' asked for something else at call {} of a redelivered event than its earlier run "
                        + "did; this call and the rest go to Meta", appName, seq);
            } else {
                CallOutcome outcome = CallOutcome.decode(recorded.outcome());
                if (!(outcome instanceof CallOutcome.NotSent)) {
                    metrics.callReplayed(appName);
                    return codec.replay(outcome);
                }
            }
        }
        T result;
        try {
            result = toMeta.get();
        } catch (RuntimeException failure) {
            record(seq, fingerprint, CallOutcome.of(failure, endpoint));
            throw failure;
        }
        record(seq, fingerprint, codec.outcome(result));
        return result;
    }

    private void record(int seq, String fingerprint, CallOutcome outcome) {
        try {
            store.recordCall(appName, claimant, new RecordedCall(seq, fingerprint, outcome.encode()));
        } catch (RuntimeException e) {
            // Meta did it: the app must hear so. Only a crash before this event is done can now repeat the call.
            metrics.callUnrecorded(appName);
            LOG.warn("could not record call {} of app '{}' ({}); a redelivery would make it again", seq, appName,
                    e.getClass().getName());
        }
    }

    /** A short digest of what was asked: enough to notice a different request, nothing readable kept. */
    static String fingerprint(String endpoint, String what) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((endpoint + "\n" + what).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** How one kind of call's answer goes into the record and comes back out of it. */
    interface Codec<T> {
        CallOutcome outcome(T result);

        /** The answer to give the app from a recorded outcome (a failure is thrown). */
        T replay(CallOutcome recorded);
    }
}
