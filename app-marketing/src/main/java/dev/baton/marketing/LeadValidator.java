package dev.baton.marketing;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks and normalises what a person typed as an email address or a phone number. Deliberately forgiving
 * about formatting (spaces, dashes, brackets, a {@code mailto:} prefix) and strict about substance, so that a
 * stored lead is one a business can use.
 */
final class LeadValidator {

    // Local part: the RFC 5322 atext characters and dots; domain: labels of letters, digits and inner dashes,
    // ending in a top-level domain of at least two letters.
    private static final Pattern EMAIL = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s().\\-/]");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{7,15}");

    private LeadValidator() {}

    /** The normalised contact, or empty when {@code text} is not a plausible one of {@code kind}. */
    static Optional<String> validate(LeadCapture.Kind kind, String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (kind) {
            case EMAIL -> email(text);
            case PHONE -> phone(text);
        };
    }

    private static Optional<String> email(String text) {
        // Lower-cased whole: providers treat the local part case-insensitively in practice, and one spelling
        // per person keeps the lead list free of near-duplicates.
        String candidate = text.trim().toLowerCase(Locale.ROOT);
        if (candidate.startsWith("mailto:")) {
            candidate = candidate.substring("mailto:".length());
        }
        if (candidate.length() > 254 || candidate.indexOf('@') > 64 || !EMAIL.matcher(candidate).matches()) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    private static Optional<String> phone(String text) {
        String candidate = PHONE_SEPARATORS.matcher(text.trim()).replaceAll("");
        if (candidate.startsWith("00")) {
            candidate = "+" + candidate.substring(2);
        }
        return PHONE.matcher(candidate).matches() ? Optional.of(candidate) : Optional.empty();
    }
}
