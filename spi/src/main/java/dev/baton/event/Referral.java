package dev.baton.event;

/**
 * A referral: from a Click-to-Message ad ({@code source} ADS), an m.me / ig.me link (SHORTLINK), a lead ad
 * ({@code type} LEAD_COMPLETE / LEAD_INCOMPLETE) or a source this version does not know. Source and type are
 * kept as Meta sent them; the helpers below read them.
 */
public record Referral(String source, String type, String ref, String adId, String refererUri, AdsContext adsContext) {

    public boolean isAd() {
        return "ADS".equals(source);
    }

    /** Messenger sends SHORTLINK; Instagram samples show SHORTLINKS. */
    public boolean isShortlink() {
        return "SHORTLINK".equals(source) || "SHORTLINKS".equals(source);
    }

    public boolean isLeadAd() {
        return "LEAD_COMPLETE".equals(type) || "LEAD_INCOMPLETE".equals(type);
    }

    /** {@code ads_context_data} of a CTM ad referral. */
    public record AdsContext(String adTitle, String photoUrl, String videoUrl, String postId, String productId,
                             String flowId) {}
}
