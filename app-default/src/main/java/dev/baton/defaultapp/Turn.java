package dev.baton.defaultapp;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One thing the person did that the default app answers, as the handler chain sees it.
 *
 * @param entryPoint how the person got here this time
 * @param text       the message text, or the postback title; null when there is none
 * @param payload    the quick-reply or postback payload; null when there is none
 * @param ref        the m.me / Get Started / ad {@code ref} known for the conversation, or null
 * @param context    what is known about the conversation, as placeholders: {@code ref}, {@code ad_id},
 *                   {@code ad_title}, {@code entry_point}, {@code handover.*} (see the README)
 */
public record Turn(EntryPoint entryPoint, String text, String payload, String ref,
                             Map<String, String> context) {

    public Turn {
        requireNonNull(entryPoint, "entryPoint is null");
        context = Map.copyOf(requireNonNull(context, "context is null"));
    }
}
