package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What the emulator knows about one conversation, read at one moment: the owning app (null only when the
 * thread is idle on a Page without a default app), when its control expires, when the person last acted
 * (the messaging window runs 24 hours from there), the transcript in order, and every change of owner in
 * order.
 */
public record ConversationView(
        String pageId,
        String psid,
        String ownerAppId,
        Instant controlExpiresAt,
        Instant lastPersonActivityAt,
        List<TranscriptLine> transcript,
        List<OwnerChange> ownerHistory) {

    public ConversationView {
        requireNonNull(pageId, "pageId is null");
        requireNonNull(psid, "psid is null");
        transcript = List.copyOf(requireNonNull(transcript, "transcript is null"));
        ownerHistory = List.copyOf(requireNonNull(ownerHistory, "ownerHistory is null"));
    }

    public ConversationView(String pageId, String psid, String ownerAppId, Instant controlExpiresAt,
                            Instant lastPersonActivityAt, List<TranscriptLine> transcript) {
        this(pageId, psid, ownerAppId, controlExpiresAt, lastPersonActivityAt, transcript, List.of());
    }
}
