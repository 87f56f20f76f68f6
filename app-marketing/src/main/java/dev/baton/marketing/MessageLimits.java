package dev.baton.marketing;

/** Meta's Send API limits that config texts must respect, checked at start-up rather than at the first send. */
final class MessageLimits {

    static final int MAX_TEXT = 2000;
    static final int MAX_QUICK_REPLIES = 13;
    static final int MAX_QUICK_REPLY_TITLE = 20;
    static final int MAX_METADATA = 1000;

    private MessageLimits() {}

    static void checkText(String field, String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException(field + " is blank");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_TEXT + " characters");
        }
    }
}
