package dev.baton.send;

import java.util.Locale;

/** Attachment media types. AUDIO and VIDEO count against the Page's slower media rate limit (10/s by default). */
public enum MediaType {
    IMAGE,
    AUDIO,
    VIDEO,
    FILE;

    /** Meta's lower-case name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean slowRate() {
        return this == AUDIO || this == VIDEO;
    }
}
