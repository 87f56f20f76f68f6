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

    private final Map<String, MarketingCampaign> byAdId = new HashMap<>();
    private final Map<String, MarketingCampaign> byRef = new HashMap<>();
    private final MarketingConfig config;

    CampaignMatcher(MarketingConfig config) {
        this.config = config;
        for (MarketingCampaign campaign : config.campaigns()) {
            campaign.adIds().forEach(adId -> byAdId.put(adId, campaign));
            campaign.refs().forEach(ref -> byRef.put(ref, campaign));
        }
    }

    Optional<MarketingCampaign> match(Referral referral) {
        if (referral != null && referral.adId() != null && byAdId.containsKey(referral.adId())) {
            return Optional.of(byAdId.get(referral.adId()));
        }
        if (referral != null && referral.ref() != null && byRef.containsKey(referral.ref())) {
            return Optional.of(byRef.get(referral.ref()));
        }
        return fallback();
    }

    Optional<MarketingCampaign> fallback() {
        return config.fallbackCampaign() == null ? Optional.empty() : config.campaign(config.fallbackCampaign());
    }

    Optional<MarketingCampaign> named(String name) {
        return config.campaign(name);
    }
}
