package dev.baton.defaultapp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the default app remembers about one conversation, kept in its {@code ConversationState} (so it is
 * durable when the store is): how the person came in, the referral seen (also on standby, while another app
 * owned the thread), the last few messages of either side, and bookkeeping that makes handling idempotent
 * (the last handover taken in, the newest person message seen). Bounded: at most {@code limit} messages,
 * each cut to {@link #MAX_TEXT} characters.
 *
 * @param referral      the latest referral seen (ad or link), or null
 * @param messages      the latest messages, oldest first
 * @param lastPersonAt  epoch millis of the newest person message or postback seen, 0 if none
 * @param lastHandover  a key of the last handover handled (timestamp and previous owner), or null
 * @param handover      the fields of the last handover's JSON metadata, flattened
 * @param escalation    the escalation to humans this app made that is still open (no hand-back seen), or null
 * @param lastDone      the key of the last message, postback or referral whose handling finished (so a
 *                      redelivery after a crash is not answered twice), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ConversationMemory(Seen referral, List<Line> messages, long lastPersonAt, String lastHandover,
                        Map<String, String> handover, Escalation escalation, String lastDone) {

    static final int MAX_TEXT = 300;
    static final ConversationMemory EMPTY = new ConversationMemory(null, List.of(), 0, null, Map.of(), null, null);

    ConversationMemory {
        messages = messages == null ? List.of() : List.copyOf(messages);
        handover = handover == null ? Map.of() : Map.copyOf(handover);
    }

    ConversationMemory withReferral(Seen newReferral) {
        return new ConversationMemory(newReferral, messages, lastPersonAt, lastHandover, handover, escalation, lastDone);
    }

    /** Adds a line, keeping the newest {@code limit}; a person line also moves {@code lastPersonAt} forward. */
    ConversationMemory withLine(Line line, int limit) {
        List<Line> kept = new ArrayList<>(messages);
        kept.add(line);
        while (kept.size() > limit) {
            kept.remove(0);
        }
        long newest = "person".equals(line.from()) ? Math.max(lastPersonAt, line.at()) : lastPersonAt;
        return new ConversationMemory(referral, kept, newest, lastHandover, handover, escalation, lastDone);
    }

    ConversationMemory withPersonSeenAt(long at) {
        return new ConversationMemory(referral, messages, Math.max(lastPersonAt, at), lastHandover, handover, escalation,
                lastDone);
    }

    ConversationMemory withHandover(String key, Map<String, String> fields) {
        return new ConversationMemory(referral, messages, lastPersonAt, key, fields, escalation, lastDone);
    }

    /** {@code open}: the escalation just made; null: the humans are done (or it is too old to matter). */
    ConversationMemory withEscalation(Escalation open) {
        return new ConversationMemory(referral, messages, lastPersonAt, lastHandover, handover, open, lastDone);
    }

    ConversationMemory withDone(String key) {
        return new ConversationMemory(referral, messages, lastPersonAt, lastHandover, handover, escalation, key);
    }

    /**
     * An escalation to humans this app made.
     *
     * @param target the app id the thread was passed to (the inbox bridge, or Meta's inbox)
     * @param at     the timestamp (epoch millis) of the event that led to it
     * @param reason why ({@code keyword}, {@code postback}, {@code handover})
     */
    record Escalation(String target, long at, String reason) {
        Escalation {
            requireNonNull(target, "target is null");
        }
    }

    /** A referral as remembered: where it came from and the fields worth keeping. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Seen(String source, String ref, String adId, String adTitle) {}

    /** One message: {@code from} is {@code person} or {@code page}; {@code at} in epoch millis. */
    record Line(String from, String text, long at) {
        Line {
            requireNonNull(from, "from is null");
            text = text == null ? "" : text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        }
    }
}
