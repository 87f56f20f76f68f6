package dev.baton.graph.error;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * Refused locally: the send falls outside the messaging window it needs, so Meta would answer
 * 10/2018278 ("This message is sent outside of allowed window"). Says which window and how long ago the
 * person last wrote. Retrying cannot help until the person writes again.
 */
public final class OutsideMessagingWindowException extends GraphException {

    private static final long serialVersionUID = 1L;

    /** The window a send needs. */
    public enum Window {
        /** 24 hours from the person's last message, for RESPONSE/UPDATE sends without a tag. */
        STANDARD_24_HOURS(Duration.ofHours(24)),
        /** 7 days from the person's last message, for the HUMAN_AGENT tag. */
        HUMAN_AGENT_7_DAYS(Duration.ofDays(7));

        private final Duration length;

        Window(Duration length) {
            this.length = length;
        }

        public Duration length() {
            return length;
        }
    }

    private final Window window;
    private final Instant lastUserMessage;
    private final Duration elapsed;

    public OutsideMessagingWindowException(Window window, Instant lastUserMessage, Duration elapsed) {
        super("send refused locally: outside the " + describe(requireNonNull(window, "window is null"))
                + "; the person last wrote " + human(requireNonNull(elapsed, "elapsed is null")) + " ago (at "
                + requireNonNull(lastUserMessage, "lastUserMessage is null") + ")", null);
        this.window = window;
        this.lastUserMessage = lastUserMessage;
        this.elapsed = elapsed;
    }

    public Window window() {
        return window;
    }

    public Instant lastUserMessage() {
        return lastUserMessage;
    }

    public Duration elapsed() {
        return elapsed;
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public String advice() {
        return window == Window.STANDARD_24_HOURS
                ? "wait for the person to write again, or, for a human agent's reply within 7 days, send with "
                        + "messaging_type MESSAGE_TAG and tag HUMAN_AGENT"
                : "the 7-day human agent window has closed too: wait for the person to write again";
    }

    private static String describe(Window window) {
        return window == Window.STANDARD_24_HOURS ? "24-hour standard messaging window"
                : "7-day HUMAN_AGENT messaging window";
    }

    static String human(Duration duration) {
        long hours = duration.toHours();
        long minutes = duration.toMinutesPart();
        return hours >= 48 ? duration.toDays() + "d " + duration.toHoursPart() + "h" : hours + "h " + minutes + "m";
    }
}
