package dev.baton.marketing;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations written the way people write them in YAML ({@code 30m}, {@code 2h}) or as ISO-8601. */
final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private DurationText() {}

    static Duration parse(String field, String text) {
        Matcher matcher = SHORT.matcher(text.trim());
        Duration duration;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            try {
                duration = Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + " is not a duration (like 30m, 2h or PT30M): " + text);
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(field + " must be positive: " + text);
        }
        return duration;
    }
}
