package dev.baton.spi;

import dev.baton.event.ConversationKey;
import java.util.List;

/**
 * An optional capability of a store that several instances of one Page share: which conversations this
 * instance runs now, and the journaled work it must run. A store offers it by having its
 * {@link EventJournal} implement this interface; the dispatcher then stops handing what its own ingest
 * journaled straight to a lane and runs only what the source feeds it, so that any instance may take any
 * POST while each conversation runs on exactly one instance, in journal order. Without one (SQLite, memory)
 * nothing changes.
 *
 * <p>The source decides the division (leases on buckets of conversations, partitions...). When this
 * instance starts running a conversation it feeds that conversation's undone events first, flagged as
 * replayed (so an event a previous holder had claimed and not finished is delivered as redelivered), and
 * the conversation's timers. Thread-safe.
 */
public interface WorkSource {

    /**
     * True while this instance runs {@code conversation}'s events. The dispatcher checks it before every
     * send, hand-over and timer firing: an instance that lost a conversation (paused past its lease) must not
     * speak for it, even from a callback already under way.
     */
    boolean runsHere(ConversationKey conversation);

    /**
     * Starts feeding {@code sink} (from the source's own threads; for one conversation, in journal order).
     * Called once, when the dispatcher starts; the source first feeds the undone work of every conversation
     * it runs then.
     */
    void start(Sink sink);

    /**
     * Keeps a timer for a conversation that may run on another instance (a {@link ConversationTrigger}
     * called here, an app endpoint's input) and wakes whichever instance runs it, which fires it in the
     * conversation's lane. Durable when it returns.
     */
    void schedule(ConversationStore.StoredTimer timer);

    /** Stops feeding. */
    void stop();

    /**
     * This instance's share of the Page's deployment-wide budgets (the Send API rate limits), from 0 to 1:
     * the Graph client applies that fraction of each limit, so that the Page's limit holds for the whole
     * deployment rather than for each instance. The shares of all instances must never add up to more than
     * one at any moment: lower an instance's share before it hands work to another, raise it only after it
     * took work over (the rate limiter itself waits one rate window before it spends a rise, for the calls
     * made under the old split). Asked before each Graph call, so it must be cheap and thread-safe. The
     * default, 1, suits a source that is the only instance of its Page.
     */
    default double sendShare() {
        return 1.0;
    }

    /** Where a source delivers work. */
    interface Sink {

        /**
         * Runs the events of {@code batch} whose index is not in {@link JournaledBatch#doneEvents()}, in index
         * order, each in its conversation's lane. {@code replayed}: fed when this instance started running
         * the conversation (a takeover or the start), not as news. May block while the dispatcher is full.
         */
        void batch(JournaledBatch batch, boolean replayed);

        /** Timers of conversations this instance now runs (a takeover, or one set from another instance). */
        void timers(List<ConversationStore.StoredTimer> timers);
    }
}
