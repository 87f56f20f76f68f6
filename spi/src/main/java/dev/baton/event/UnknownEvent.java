package dev.baton.event;

import static java.util.Objects.requireNonNull;

/**
 * An event this version cannot type: a kind it does not know, or a known kind whose shape does not fit its
 * record (a required field missing, a field of the wrong JSON type). Its exact JSON is kept ({@link #raw()}),
 * so nothing Meta sent is lost; {@link #reason()} and {@link #path()} say why it is untyped, e.g.
 * {@code MISSING_FIELD} at {@code entry[0].messaging[2].sender}. The other events of its batch are not
 * affected. The header is filled from {@code sender}, {@code recipient} and {@code timestamp} where they have
 * the usual types ({@code ""} and 0 where not).
 */
public record UnknownEvent(EventHeader header, Reason reason, String path) implements WebhookEvent {

    /** Why an event is untyped; stable, for metric tags. */
    public enum Reason {
        /** None of the keys Baton knows names the event's kind. */
        UNKNOWN_KIND,
        /** A field this kind cannot do without is absent or null. */
        MISSING_FIELD,
        /** A field has the wrong JSON type. */
        WRONG_TYPE,
        /** The element of {@code messaging[]}/{@code standby[]} is not a JSON object. */
        NOT_AN_OBJECT,
        /** The entry it came in has no usable {@code id}, so it belongs to no known Page. */
        NO_PAGE
    }

    public UnknownEvent {
        requireNonNull(header, "header is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(path, "path is null");
    }

    /** An event of an unknown kind built in code, with its JSON. */
    public UnknownEvent(EventHeader header, String rawJson) {
        this(header.withRaw(RawJson.of(rawJson)), Reason.UNKNOWN_KIND, "");
    }

    /** The event's whole JSON object as text. */
    public String rawJson() {
        return header.raw().text();
    }

    /** Reason and path in one short machine-readable line: {@code MISSING_FIELD entry[0].messaging[2].sender}. */
    public String untypedReason() {
        return path.isEmpty() ? reason.name() : reason + " " + path;
    }

    @Override
    public String kind() {
        return "unknown";
    }
}
