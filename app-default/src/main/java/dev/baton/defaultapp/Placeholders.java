package dev.baton.defaultapp;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {name}} placeholders in answer texts from what the app knows about the conversation:
 * {@code ref}, {@code entry_point}, {@code ad_id}, {@code ad_title}, and every field of JSON handover metadata
 * as {@code handover.<field>} (nested objects as {@code handover.<field>.<inner>}). A placeholder with no
 * value becomes empty, so a person never sees a raw {@code {name}}.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_][a-z0-9_.]*)}");

    private final Map<String, String> values;

    Placeholders(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    String fill(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), "")));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
