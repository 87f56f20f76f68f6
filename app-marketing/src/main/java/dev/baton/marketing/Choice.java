package dev.baton.marketing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One quick reply of a campaign's welcome and the outcome it leads to.
 *
 * @param id     stable id, {@code [a-z0-9][a-z0-9-_]*}: goes into the quick-reply payload and the metrics
 * @param title  the button text (at most 20 characters, Meta's limit)
 * @param action {@code answer} (send {@code text}, then release), {@code lead} (collect an email or phone
 *               number as {@code lead} says) or {@code pass} (send {@code text} if given, then pass to the
 *               default app with what was learned)
 * @param text   the answer for {@code answer} (required); an optional hand-off line for {@code pass}
 * @param lead   how to collect the lead; required for {@code lead}
 */
public record Choice(String id, String title, Action action, String text, LeadCapture lead) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    public Choice {
        requireNonNull(id, "choice id is null");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("choice id must match [a-z0-9][a-z0-9_-]{0,39}: " + id);
        }
        requireNonNull(title, "choice " + id + ": title is null");
        if (title.isBlank() || title.length() > MessageLimits.MAX_QUICK_REPLY_TITLE) {
            throw new IllegalArgumentException("choice " + id + ": title must be 1 to "
                    + MessageLimits.MAX_QUICK_REPLY_TITLE + " characters: " + title);
        }
        requireNonNull(action, "choice " + id + ": action is null (answer, lead or pass)");
        if (text != null) {
            MessageLimits.checkText("choice " + id + ": text", text);
        }
        if (action == Action.ANSWER && text == null) {
            throw new IllegalArgumentException("choice " + id + ": action answer needs a text");
        }
        if (action == Action.LEAD && lead == null) {
            throw new IllegalArgumentException("choice " + id + ": action lead needs a lead block");
        }
        if (action != Action.LEAD && lead != null) {
            throw new IllegalArgumentException("choice " + id + ": a lead block only fits action lead");
        }
    }

    /** Where a choice leads. */
    public enum Action {
        ANSWER, LEAD, PASS;

        @JsonCreator
        public static Action of(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("action must be answer, lead or pass: " + text);
            }
        }

        @JsonValue
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
