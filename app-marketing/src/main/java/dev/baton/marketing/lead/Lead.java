package dev.baton.marketing.lead;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A contact the person gave the marketing app, already checked and normalised (an email in lower case; a phone
 * number as {@code +} and digits). {@code toString()} masks the contact and leaves out the person's id, so a
 * lead printed by accident is no leak.
 *
 * @param campaign   the campaign's name
 * @param adId       the ad the person came from, or null when not known
 * @param choice     the id of the choice that asked for the lead
 * @param kind       {@code email} or {@code phone}
 * @param contact    the normalised email or phone number
 * @param pageId     the Page (or Instagram account)
 * @param userId     the person's page-scoped id, so the business can follow up in the thread
 * @param capturedAt when the person gave it, on the deployment's clock
 */
public record Lead(String campaign, String adId, String choice, String kind, String contact, String pageId,
                   String userId, Instant capturedAt) {

    public Lead {
        requireNonNull(campaign, "campaign is null");
        requireNonNull(choice, "choice is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(contact, "contact is null");
        requireNonNull(pageId, "pageId is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(capturedAt, "capturedAt is null");
    }

    /** The contact with most characters hidden: {@code j***@example.com}, {@code *********89}. */
    public String maskedContact() {
        int at = contact.indexOf('@');
        if (at > 0) {
            return contact.charAt(0) + "***" + contact.substring(at);
        }
        int keep = Math.min(2, contact.length());
        return "*".repeat(contact.length() - keep) + contact.substring(contact.length() - keep);
    }

    @Override
    public String toString() {
        return "Lead[campaign=" + campaign + ", adId=" + adId + ", choice=" + choice + ", kind=" + kind
                + ", contact=" + maskedContact() + ", pageId=" + pageId + ", capturedAt=" + capturedAt + "]";
    }
}
