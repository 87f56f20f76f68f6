package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import dev.baton.event.Referral;

/**
 * A tap on a Click-to-Message ad. {@code receivingAppId} is the ad's {@code receiving_app_id} (null: none);
 * {@code text}, when not null, is a first message the person sends with the tap.
 */
public record AdClick(String adId, String receivingAppId, String ref, Referral.AdsContext adsContext, String text) {

    public AdClick {
        requireNonNull(adId, "adId is null");
    }

    public static AdClick of(String adId, String receivingAppId) {
        return new AdClick(adId, receivingAppId, null, null, null);
    }

    public AdClick withText(String newText) {
        return new AdClick(adId, receivingAppId, ref, adsContext, newText);
    }

    public AdClick withRef(String newRef) {
        return new AdClick(adId, receivingAppId, newRef, adsContext, text);
    }

    public AdClick withAdsContext(Referral.AdsContext newAdsContext) {
        return new AdClick(adId, receivingAppId, ref, newAdsContext, text);
    }
}
