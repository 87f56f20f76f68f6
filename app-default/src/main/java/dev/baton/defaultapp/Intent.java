package dev.baton.defaultapp;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One intent of the YAML handler chain: matched by a quick-reply (or postback) payload, or by a keyword in
 * the text — whole words, case-insensitive; a keyword of several words matches that phrase.
 *
 * @param name     a short name, used as a metric tag (so keep the set small) and in logs
 * @param keywords words or phrases that select this intent
 * @param payloads quick-reply or postback payloads that select it
 * @param answer   what to say
 */
public record Intent(String name, List<String> keywords, List<String> payloads, Answer answer) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    public Intent {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("intent name must match [a-z][a-z0-9_-]{0,39}: " + name);
        }
        keywords = keywords == null ? List.of()
                : keywords.stream().map(keyword -> keyword.trim().toLowerCase(Locale.ROOT)).toList();
        payloads = payloads == null ? List.of() : List.copyOf(payloads);
        if (keywords.isEmpty() && payloads.isEmpty()) {
            throw new IllegalArgumentException("intent '" + name + "' needs keywords or payloads");
        }
        if (keywords.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("intent '" + name + "' has an empty keyword");
        }
        if (answer == null) {
            throw new IllegalArgumentException("intent '" + name + "' has no answer");
        }
    }

    boolean matchesPayload(String payload) {
        return payload != null && payloads.contains(payload);
    }

    boolean matchesText(String text) {
        if (text == null) {
            return false;
        }
        String words = TextMatching.words(text);
        return keywords.stream().anyMatch(keyword -> TextMatching.containsPhrase(words, keyword));
    }
}
