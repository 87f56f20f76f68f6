package dev.baton.marketing;

import dev.baton.event.Referral;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the campaign for an ad referral: by {@code ad_id} first (exact), then by the ad's {@code ref}, then
 * the configured fallback. Built once from the config; read-only afterwards, so safe to share.
 */
final class CampaignMatcher {

    private final Map<String, Campaign> byAdId = new HashMap<>();
    private final Map<String, Campaign> byRef = new HashMap<>();
    private final Settings config;

    CampaignMatcher(Settings config) {
        this.config = config;
        for (Campaign campaign : config.campaigns()) {
            campaign.adIds().forEach(adId -> byAdId.put(adId, campaign));
            campaign.refs().forEach(ref -> byRef.put(ref, campaign));
        }
    }

    Optional<Campaign> match(Referral referral) {
        if (referral != null && referral.adId() != null && byAdId.containsKey(referral.adId())) {
            return Optional.of(byAdId.get(referral.adId()));
        }
        if (referral != null && referral.ref() != null && byRef.containsKey(referral.ref())) {
            return Optional.of(byRef.get(referral.ref()));
        }
        return fallback();
    }

    Optional<Campaign> fallback() {
        return config.fallbackCampaign() == null ? Optional.empty() : config.campaign(config.fallbackCampaign());
    }

    Optional<Campaign> named(String name) {
        return config.campaign(name);
    }
}
