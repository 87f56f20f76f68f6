package dev.baton.defaultapp;

import java.util.Locale;

/** Text matching used by intents and escalation keywords: lower-case words separated by single spaces. */
final class TextMatching {

    private TextMatching() {}

    /** The text as lower-case words (letters and digits), single-spaced, with a space at both ends. */
    static String words(String text) {
        String normalized = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
        return " " + normalized + " ";
    }

    /** True when {@code phrase} (lower case) occurs in {@code words} on word boundaries. */
    static boolean containsPhrase(String words, String phrase) {
        String normalizedPhrase = words(phrase).trim();
        return !normalizedPhrase.isEmpty() && words.contains(" " + normalizedPhrase + " ");
    }
}
