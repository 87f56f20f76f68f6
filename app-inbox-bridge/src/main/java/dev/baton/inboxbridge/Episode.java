package dev.baton.inboxbridge;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * One stay of a conversation with humans, as the bridge keeps it in the conversation's state: from the
 * handoff to the hand-back. Times are epoch milliseconds (webhook timestamps), 0 when not yet.
 *
 * @param number       counts the conversation's episodes (part of the ticket id, so replies to an old
 *                     ticket are refused)
 * @param ticket       the helpdesk ticket id (helpdesk mode), or null
 * @param phase        where the conversation is
 * @param openedAt     when the bridge took the conversation
 * @param humanAt      when a human first acted (replied, or the Inbox took control)
 * @param firstReplyAt when a human first replied
 * @param lastPersonAt the newest person message seen during the episode
 * @param handoverKey  timestamp and previous owner of the handover that opened it (duplicates are ignored)
 * @param summary      the metadata the escalating app sent, as received
 * @param replyIds     the ids of the latest agent replies delivered (at most 50), so a resent one is sent once
 * @param mirrored     the mids of the latest person messages mirrored to the ticket (at most 20): a message
 *                     seen on standby and again in the default app's {@code returning} pass goes there once
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Episode(int number, String ticket, Phase phase, long openedAt, long humanAt, long firstReplyAt,
                          long lastPersonAt, String handoverKey, String summary, List<String> replyIds,
                          List<String> mirrored) {

    static final int MAX_REPLY_IDS = 50;
    static final int MAX_MIRRORED = 20;
    static final Episode NONE =
            new Episode(0, null, Phase.NONE, 0, 0, 0, 0, null, null, null, null);

    Episode {
        phase = phase == null ? Phase.NONE : phase;
        replyIds = replyIds == null ? List.of() : List.copyOf(replyIds);
        mirrored = mirrored == null ? List.of() : List.copyOf(mirrored);
    }

    /** Where a conversation is, as the bridge sees it. */
    enum Phase {
        /** Never handed over, or handed back. */
        NONE,
        /** Passed to Meta's inbox; the bridge watches on standby. */
        WITH_INBOX,
        /** The bridge owns the thread and mirrors it to an open helpdesk ticket. */
        HELPDESK_OPEN,
        /** The humans are done or lost the thread; waiting for the next handoff. */
        CLOSED
    }

    boolean isOpen() {
        return phase == Phase.WITH_INBOX || phase == Phase.HELPDESK_OPEN;
    }

    Episode next(String newTicket, Phase newPhase, long at, String key, String newSummary) {
        return new Episode(number + 1, newTicket, newPhase, at, 0, 0, 0, key, newSummary, List.of(),
                List.of());
    }

    Episode keyed(String key) {
        return new Episode(number, ticket, phase, openedAt, humanAt, firstReplyAt, lastPersonAt, key, summary,
                replyIds, mirrored);
    }

    Episode closed() {
        return with(Phase.CLOSED, humanAt, firstReplyAt, lastPersonAt, replyIds);
    }

    Episode humanActed(long at) {
        return humanAt != 0 ? this : with(phase, at, firstReplyAt, lastPersonAt, replyIds);
    }

    Episode humanReplied(long at, String replyId) {
        List<String> ids = new ArrayList<>(replyIds);
        if (replyId != null) {
            ids.add(replyId);
            while (ids.size() > MAX_REPLY_IDS) {
                ids.remove(0);
            }
        }
        return with(phase, humanAt == 0 ? at : humanAt, firstReplyAt == 0 ? at : firstReplyAt, lastPersonAt, ids);
    }

    Episode personWrote(long at) {
        return with(phase, humanAt, firstReplyAt, Math.max(lastPersonAt, at), replyIds);
    }

    /** True when the person message {@code mid} went to the ticket already (null: not known, never true). */
    boolean hasMirrored(String mid) {
        return mid != null && mirrored.contains(mid);
    }

    /** The person wrote at {@code at} and message {@code mid} (null: none) went to the ticket. */
    Episode mirroredAt(long at, String mid) {
        Episode wrote = personWrote(at);
        if (mid == null) {
            return wrote;
        }
        List<String> mids = new ArrayList<>(mirrored);
        mids.add(mid);
        while (mids.size() > MAX_MIRRORED) {
            mids.remove(0);
        }
        return new Episode(number, ticket, phase, openedAt, humanAt, firstReplyAt, wrote.lastPersonAt(),
                handoverKey, summary, replyIds, mids);
    }

    private Episode with(Phase newPhase, long newHumanAt, long newFirstReplyAt, long newLastPersonAt,
                                    List<String> newReplyIds) {
        return new Episode(number, ticket, newPhase, openedAt, newHumanAt, newFirstReplyAt,
                newLastPersonAt, handoverKey, summary, newReplyIds, mirrored);
    }
}
