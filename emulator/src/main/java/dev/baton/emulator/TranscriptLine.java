package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One line of a conversation as the person would see it: what the person did ({@code INBOUND}: a message,
 * quick reply, postback, ad tap, link, Get Started) or what the Page sent ({@code OUTBOUND}, with the app that
 * sent it; the Inbox's id for a human agent). {@code text} is the message text, button title or ref.
 */
public record TranscriptLine(Direction direction, String appId, String kind, String mid, String text, Instant at) {

    public TranscriptLine {
        requireNonNull(direction, "direction is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(at, "at is null");
    }

    public enum Direction {
        INBOUND,
        OUTBOUND
    }
}
