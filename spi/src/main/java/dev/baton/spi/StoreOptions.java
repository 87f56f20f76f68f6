package dev.baton.spi;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys of the Page config's {@code store:} block other than {@code type}, as plain JDK values: what
 * YAML or JSON gave ({@code String}, {@code Integer}, {@code Long}, {@code Boolean}, {@code List},
 * {@code Map}), with {@code ${ENV}} secrets already substituted. The typed readers accept the forms the
 * rest of the config accepts (a duration as {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 7d}
 * or ISO-8601 {@code PT5S}; a number as a number or a string of digits) and throw
 * {@link StoreConfigException} naming the key; no reader ever puts the value in a message.
 * {@link #toString()} prints the keys only.
 */
public record StoreOptions(Map<String, Object> values) {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

    public StoreOptions {
        requireNonNull(values, "values is null");
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(requireNonNull(key, "key is null"), requireNonNull(value, key + " is null")));
        values = Collections.unmodifiableMap(copy);
    }

    public static final StoreOptions NONE = new StoreOptions(Map.of());

    /** Throws for the first key (in alphabetical order) not in {@code known}: a misspelling must not pass. */
    public void refuseUnknown(Set<String> known) {
        for (String key : new TreeSet<>(values.keySet())) {
            if (!known.contains(key)) {
                throw new StoreConfigException(key, "unknown key (this store knows " + new TreeSet<>(known) + ")");
            }
        }
    }

    public Optional<String> string(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw new StoreConfigException(key, "wrong type or format (expected a non-empty text)");
        }
        return Optional.of(text);
    }

    public Optional<Path> path(String key) {
        if (values.get(key) instanceof Path path) {
            return Optional.of(path);
        }
        return string(key).map(Path::of);
    }

    public Optional<Duration> duration(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Duration duration) {
            return Optional.of(duration);
        }
        if (value instanceof String text) {
            Matcher matcher = SHORT_DURATION.matcher(text.trim());
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return Optional.of(switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
            try {
                return Optional.of(Duration.parse(text.trim()));
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new StoreConfigException(key, "wrong type or format (not a duration: use 250ms, 5s, 2m, 1h, 7d or PT5S)");
    }

    public OptionalLong longValue(String key) {
        Object value = values.get(key);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return OptionalLong.of(((Number) value).longValue());
        }
        if (value instanceof String text && text.trim().matches("-?\\d{1,18}")) {
            return OptionalLong.of(Long.parseLong(text.trim()));
        }
        throw new StoreConfigException(key, "wrong type or format (expected a whole number)");
    }

    public OptionalInt intValue(String key) {
        OptionalLong value = longValue(key);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        if (value.getAsLong() < Integer.MIN_VALUE || value.getAsLong() > Integer.MAX_VALUE) {
            throw new StoreConfigException(key, "out of range");
        }
        return OptionalInt.of((int) value.getAsLong());
    }

    public Optional<Boolean> bool(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean flag) {
            return Optional.of(flag);
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(text));
        }
        throw new StoreConfigException(key, "wrong type or format (expected true or false)");
    }

    /** A copy with {@code key} set: how code (tests, harnesses) builds options without a config file. */
    public StoreOptions with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new StoreOptions(copy);
    }

    @Override
    public String toString() {
        return "StoreOptions" + values.keySet();
    }
}
