package dev.baton.defaultapp;

import dev.baton.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * When the default app hands the conversation to humans, and to whom.
 *
 * @param keywords  words that ask for a person (default {@code human}, {@code agent}); whole words
 * @param postbacks postback or quick-reply payloads that ask for a person (default {@code TALK_TO_HUMAN})
 * @param target    {@code inbox-bridge} (the hosted app with the inbox role, default) or {@code page-inbox}
 *                  (Meta Business Suite Inbox directly: 263902037430900, on Instagram 1217981644879628)
 * @param appName   which hosted app to pass to when {@code target} is {@code inbox-bridge} and several have the
 *                  inbox role; absent means the only one
 * @param text      said before passing; absent means the default wording
 * @param returnToHumans while an escalation this app made is still open (no hand-back seen, and the person's
 *                  previous message within {@code openFor}), a message or postback that reaches the app as
 *                  owner (Meta's silent 24-hour lapse, or a person writing after a day of silence) is passed
 *                  straight back to the escalation target with no bot reply (default {@code true})
 * @param openFor   how long after the person's last message an unanswered escalation still counts as open
 *                  (default {@code 7d}, Meta's human-agent window; at most {@code 7d})
 */
public record EscalationSettings(List<String> keywords, List<String> postbacks, String target, String appName,
                                         String text, Boolean returnToHumans, String openFor) {

    public static final String TARGET_BRIDGE = "inbox-bridge";
    public static final String TARGET_PAGE_INBOX = "page-inbox";
    static final Duration MAX_OPEN_FOR = Duration.ofDays(7);
    static final EscalationSettings DEFAULTS =
            new EscalationSettings(null, null, null, null, null, null, null);

    public EscalationSettings {
        keywords = keywords == null ? List.of("human", "agent")
                : keywords.stream().map(keyword -> keyword.trim().toLowerCase(Locale.ROOT)).toList();
        postbacks = postbacks == null ? List.of("TALK_TO_HUMAN") : List.copyOf(postbacks);
        target = target == null ? TARGET_BRIDGE : target;
        if (!TARGET_BRIDGE.equals(target) && !TARGET_PAGE_INBOX.equals(target)) {
            throw new IllegalArgumentException("escalation.target must be inbox-bridge or page-inbox, got " + target);
        }
        text = text == null ? "Connecting you with a person. They will answer here." : text;
        if (text.isBlank() || text.length() > 2000) {
            throw new IllegalArgumentException("escalation.text must be 1 to 2000 characters");
        }
        returnToHumans = returnToHumans == null || returnToHumans;
        openFor = openFor == null ? "7d" : openFor;
        parseOpenFor(openFor);
    }

    /** {@link #openFor} as a duration. */
    public Duration openForDuration() {
        return parseOpenFor(openFor);
    }

    private static Duration parseOpenFor(String text) {
        Duration duration;
        try {
            duration = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("escalation.openFor: " + e.getMessage(), e);
        }
        if (duration.isZero() || duration.isNegative() || duration.compareTo(MAX_OPEN_FOR) > 0) {
            throw new IllegalArgumentException("escalation.openFor must be more than 0 and at most 7d, got " + text);
        }
        return duration;
    }

    boolean asksForHuman(String text) {
        if (text == null) {
            return false;
        }
        String words = TextMatching.words(text);
        return keywords.stream().anyMatch(keyword -> TextMatching.containsPhrase(words, keyword));
    }

    boolean isEscalationPayload(String payload) {
        return payload != null && postbacks.contains(payload);
    }
}
