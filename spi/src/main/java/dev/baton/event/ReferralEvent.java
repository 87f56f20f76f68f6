package dev.baton.event;

import static java.util.Objects.requireNonNull;

/** A {@code messaging_referrals} event: the person came back to an existing thread through an ad or a link. */
public record ReferralEvent(EventHeader header, Referral referral) implements WebhookEvent {
    public ReferralEvent {
        requireNonNull(header, "header is null");
        requireNonNull(referral, "referral is null");
    }

    @Override
    public String kind() {
        return "referral";
    }
}
