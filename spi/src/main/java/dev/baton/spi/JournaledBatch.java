package dev.baton.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/** A batch read back from the journal, with the indexes of its events already handled. */
public record JournaledBatch(long id, String appName, byte[] body, Instant receivedAt, Set<Integer> doneEvents) {
    public JournaledBatch {
        requireNonNull(appName, "appName is null");
        requireNonNull(body, "body is null");
        requireNonNull(receivedAt, "receivedAt is null");
        doneEvents = Set.copyOf(requireNonNull(doneEvents, "doneEvents is null"));
    }
}
