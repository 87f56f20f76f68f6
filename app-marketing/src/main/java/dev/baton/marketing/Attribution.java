package dev.baton.marketing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one finished marketing conversation is credited with. Holds no person id: it is logged and fed to
 * metrics as is.
 *
 * @param campaign     the campaign name, or {@code none} when no campaign matched
 * @param adId         the ad, when known
 * @param ref          the ad's {@code ref}, when known
 * @param choice       the welcome choice taken, when any
 * @param startedAt    when the ad tap (or the hand-over) reached the app
 * @param firstReplyAt when the person first answered the welcome, when they did
 * @param finishedAt   when the app released or passed control (or saw it lost)
 * @param outcome      how it ended
 */
public record Attribution(String campaign, String adId, String ref, String choice, Instant startedAt,
                                   Instant firstReplyAt, Instant finishedAt, Outcome outcome) {

    public Attribution {
        requireNonNull(campaign, "campaign is null");
        requireNonNull(finishedAt, "finishedAt is null");
        requireNonNull(outcome, "outcome is null");
    }

    /** From the ad tap to the person's first answer to the welcome. */
    public Optional<Duration> timeToFirstReply() {
        if (startedAt == null || firstReplyAt == null || firstReplyAt.isBefore(startedAt)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(startedAt, firstReplyAt));
    }

    static Attribution of(Session session, Outcome outcome, Instant finishedAt) {
        return new Attribution(session.campaign().orElse(CampaignMetrics.NO_CAMPAIGN),
                session.adId().orElse(null), session.ref().orElse(null), session.choice().orElse(null),
                session.startedAt().orElse(null), session.firstReplyAt().orElse(null), finishedAt, outcome);
    }
}
