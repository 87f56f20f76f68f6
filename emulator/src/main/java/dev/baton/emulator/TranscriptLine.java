package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One line of a conversation as the person would see it: what the person did ({@code INBOUND}: a message,
 * quick reply, postback, ad tap, link, Get Started, reaction) or what the Page sent ({@code OUTBOUND}, with
 * the app that sent it; the Inbox's id for a human agent). {@code text} is the message text, button title or
 * ref; {@code persona} is the persona an outbound message was sent as, or null. {@code content} is the whole
 * message as JSON where there is more to it than text: for a Page message the Send API's {@code message}
 * object as the app sent it (quick replies, templates, attachments); for the person, the quick-reply payload,
 * attachments, ad referral or reaction. Null when the text says it all.
 */
public record TranscriptLine(Direction direction, String appId, String kind, String mid, String text, Instant at,
                             Persona persona, String content) {

    public TranscriptLine {
        requireNonNull(direction, "direction is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(at, "at is null");
    }

    /** A line without a persona or content. */
    public TranscriptLine(Direction direction, String appId, String kind, String mid, String text, Instant at) {
        this(direction, appId, kind, mid, text, at, null, null);
    }

    /** A line with a persona and no content. */
    public TranscriptLine(Direction direction, String appId, String kind, String mid, String text, Instant at,
                          Persona persona) {
        this(direction, appId, kind, mid, text, at, persona, null);
    }

    /** The persona a Page message was sent as ({@code persona_id}): the person sees its name and picture. */
    public record Persona(String id, String name, String profilePictureUrl) {
        public Persona {
            requireNonNull(id, "id is null");
            requireNonNull(name, "name is null");
        }
    }

    public enum Direction {
        INBOUND,
        OUTBOUND
    }
}
