package dev.baton.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Objects;

/**
 * Who owns a conversation's thread, as far as the deployment knows, and how it learned it.
 * {@code ownerAppId} is null when the owner is not known (only that it is not a hosted app, say after a
 * standby event); {@code expiresAt} is null when not known.
 */
public record ThreadOwnership(String ownerAppId, Instant since, Instant expiresAt, Source source) {

    public ThreadOwnership {
        requireNonNull(source, "source is null");
    }

    public static final ThreadOwnership UNKNOWN = new ThreadOwnership(null, null, null, Source.UNKNOWN);

    public boolean isOwnedBy(String appId) {
        return ownerAppId != null && Objects.equals(ownerAppId, appId);
    }

    public boolean isKnown() {
        return source != Source.UNKNOWN;
    }

    /** How the deployment learned who owns the thread. */
    public enum Source {
        /** A {@code messaging[]} event arrived for the owner. */
        MESSAGING_EVENT,
        /** A {@code standby[]} event arrived: some other app owns it. */
        STANDBY_EVENT,
        /** A handover webhook named the new owner. */
        HANDOVER_EVENT,
        /** A pass or release this deployment made succeeded. */
        OWN_ACTION,
        /** Asked Meta ({@code thread_owner}). */
        GRAPH_LOOKUP,
        UNKNOWN
    }
}
