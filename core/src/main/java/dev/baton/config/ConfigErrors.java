package dev.baton.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns Jackson's exceptions into {@link ConfigException}s that name the key by its full path. Jackson's own
 * messages are not passed on: they may quote the offending value, which may be a secret.
 */
final class ConfigErrors {

    private ConfigErrors() {}

    static ConfigException translate(JsonProcessingException e, String prefix) {
        if (!(e instanceof JsonMappingException mapping)) {
            String reason = firstLine(e.getOriginalMessage());
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return new ConfigException(prefix, "not valid YAML/JSON" + where + ": " + reason);
        }
        String path = path(mapping, prefix);
        if (e instanceof UnrecognizedPropertyException) {
            return new ConfigException(path, "unknown key");
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof ConfigException exact) {
            return exact; // a section that names its own keys (the store block: store.type)
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            // Our records' own checks: their messages never quote secrets.
            return new ConfigException(path, e.getCause().getMessage());
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() == Duration.class) {
            return new ConfigException(path, "not a duration (use 250ms, 5s, 2m, 1h, 7d or PT5S)");
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> type = mismatch.getTargetType();
            if (type.isEnum()) {
                String allowed = Arrays.stream(type.getEnumConstants())
                        .map(constant -> constant.toString().toLowerCase(Locale.ROOT)).toList().toString();
                return new ConfigException(path, "must be one of " + allowed);
            }
            String original = mismatch.getOriginalMessage();
            if (original != null && original.startsWith("Cannot map `null`")) {
                return new ConfigException(path, "missing or null (expected " + describe(type) + ")");
            }
            return new ConfigException(path, "wrong type or format (expected " + describe(type) + ")");
        }
        return new ConfigException(path, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }

    private static String path(JsonMappingException e, String prefix) {
        StringBuilder path = new StringBuilder(prefix == null ? "" : prefix);
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord() || java.util.Map.class.isAssignableFrom(type)) {
            return "a map of keys";
        }
        return type.getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("unreadable");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }
}
