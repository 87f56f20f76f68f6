package dev.baton.send;

import dev.baton.graph.error.InvalidRequestException;

/** Meta's documented size limits for Send API fields, and the checks the request model shares. */
public final class Limits {

    public static final int TEXT_MAX = 2000;
    public static final int METADATA_MAX = 1000;
    public static final int PAYLOAD_MAX = 1000;
    public static final int QUICK_REPLIES_MAX = 13;
    public static final int QUICK_REPLY_TITLE_MAX = 20;
    public static final int BUTTON_TITLE_MAX = 20;
    public static final int BUTTON_TEMPLATE_TEXT_MAX = 640;
    public static final int BUTTONS_MAX = 3;
    public static final int GENERIC_ELEMENTS_MAX = 10;
    public static final int ELEMENT_TITLE_MAX = 80;
    public static final int ELEMENT_SUBTITLE_MAX = 80;

    private Limits() {}

    /** Refuses a null, blank or too long value; length counts Unicode code points, as Meta counts characters. */
    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "is required and must not be blank");
        }
        return atMost(field, value, max);
    }

    /** Refuses a value over {@code max} characters; null passes. */
    public static String atMost(String field, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            throw new InvalidRequestException(field, "has " + value.codePointCount(0, value.length())
                    + " characters, Meta allows at most " + max);
        }
        return value;
    }

    /** Refuses anything but a non-empty string of decimal digits (app ids, persona ids, PSIDs). */
    public static String numericId(String field, String value) {
        if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidRequestException(field, "must be a numeric id");
        }
        return value;
    }

    static void check(boolean condition, String field, String problem) {
        if (!condition) {
            throw new InvalidRequestException(field, problem);
        }
    }
}
