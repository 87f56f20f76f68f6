package dev.baton.webhook;

import static java.util.Objects.requireNonNull;

import dev.baton.event.Platform;
import dev.baton.event.UnknownEvent;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEvent;
import java.util.List;
import java.util.Optional;

/**
 * What {@link WebhookParser#read} made of a body it accepts: the batch, and what was set aside.
 *
 * @param object  the envelope's {@code object} as sent ({@code ""} when absent or not a string)
 * @param batch   the events, or empty when the object is neither {@code page} nor {@code instagram}: such a body
 *                is accepted (Meta must not unsubscribe the app over it) and kept raw, but has no events Baton
 *                can route
 * @param skipped parts of the body that became no event: entries carrying {@code changes[]} (feed,
 *                {@code inbox_labels}), an unknown object, entries or arrays of the wrong type
 */
public record WebhookRead(String object, Optional<WebhookBatch> batch, List<Skipped> skipped) {

    public WebhookRead {
        requireNonNull(object, "object is null");
        requireNonNull(batch, "batch is null");
        skipped = List.copyOf(requireNonNull(skipped, "skipped is null"));
    }

    /** Something in the body that is kept raw (in the journal) but became no event. */
    public record Skipped(Kind kind, String path) {
        public Skipped {
            requireNonNull(kind, "kind is null");
            requireNonNull(path, "path is null");
        }

        /** Stable names, for metric tags and logs. */
        public enum Kind {
            /** {@code object} is not {@code page} or {@code instagram}: the body was accepted, not read. */
            UNKNOWN_OBJECT,
            /** An entry carries {@code changes[]} instead of {@code messaging[]}: Baton does not route those. */
            CHANGES,
            /** An entry, or its {@code messaging}/{@code standby}, is not of the JSON type Meta sends. */
            WRONG_TYPE
        }

        /** {@code CHANGES entry[0].changes}. */
        @Override
        public String toString() {
            return path.isEmpty() ? kind.name() : kind + " " + path;
        }
    }

    /** The platform, when the object is one Baton serves. */
    public Optional<Platform> platform() {
        return batch.map(WebhookBatch::platform);
    }

    /** Every event, in order (none for an unknown object). */
    public List<WebhookEvent> events() {
        return batch.map(WebhookBatch::events).orElse(List.of());
    }

    /** The events that did not fit their typed record, or whose kind is unknown. */
    public List<UnknownEvent> untyped() {
        return events().stream().filter(UnknownEvent.class::isInstance).map(UnknownEvent.class::cast).toList();
    }
}
