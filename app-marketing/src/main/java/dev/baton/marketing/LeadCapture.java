package dev.baton.marketing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a {@code lead} choice asks for and checks the person's contact.
 *
 * @param kind        {@code email} or {@code phone}
 * @param prompt      the question; defaults by kind
 * @param invalidText sent when the answer does not look like an email or phone number
 * @param thanks      sent once the lead is stored
 * @param maxAttempts invalid answers allowed before the conversation is passed to the default app; default 3
 * @param then        after a good lead: {@code release} (default) or {@code pass} to the default app
 */
public record LeadCapture(Kind kind, String prompt, String invalidText, String thanks, Integer maxAttempts,
                          Then then) {

    public LeadCapture {
        requireNonNull(kind, "lead kind is null (email or phone)");
        prompt = prompt == null ? kind.defaultPrompt : prompt;
        invalidText = invalidText == null ? kind.defaultInvalid : invalidText;
        thanks = thanks == null ? "Thank you! We'll be in touch soon." : thanks;
        MessageLimits.checkText("lead prompt", prompt);
        MessageLimits.checkText("lead invalidText", invalidText);
        MessageLimits.checkText("lead thanks", thanks);
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("lead maxAttempts must be >= 1: " + maxAttempts);
        }
        then = then == null ? Then.RELEASE : then;
    }

    /** The contact asked for. */
    public enum Kind {
        EMAIL("What's your email address?", "That doesn't look like an email address. Could you check it?"),
        PHONE("What's your phone number?", "That doesn't look like a phone number. Could you check it?");

        private final String defaultPrompt;
        private final String defaultInvalid;

        Kind(String defaultPrompt, String defaultInvalid) {
            this.defaultPrompt = defaultPrompt;
            this.defaultInvalid = defaultInvalid;
        }

        @JsonCreator
        public static Kind of(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("lead kind must be email or phone: " + text);
            }
        }

        @JsonValue
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What follows a stored lead. */
    public enum Then {
        RELEASE, PASS;

        @JsonCreator
        public static Then of(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("lead then must be release or pass: " + text);
            }
        }

        @JsonValue
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
