package dev.baton.marketing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code settings:} block of one marketing app instance. Absent keys take the defaults below; unknown keys
 * are refused by the deployment's config loader. Checked as a whole when built, so a bad file stops start-up
 * with a message that names the campaign and the field.
 *
 * @param completionDeadline how long after the person's last message a conversation left open is released
 *                           ({@code 30m}, {@code 2h}, {@code 90s}); default 30 minutes
 * @param passKeywords       messages (whole text, case-insensitive) that pass to the default app at once
 * @param passTargetAppId    app to pass to; absent means the Page's default app
 * @param maxReprompts       unrecognised answers to the welcome that are re-asked before passing; default 1
 * @param leadSink           where collected leads go; default the logging sink
 * @param campaigns          the campaigns, matched by {@code ad_id} first, then by the ad's {@code ref}
 * @param fallbackCampaign   name of the campaign used when no other matches; absent means pass to the default app
 */
public record Settings(
        Duration completionDeadline,
        List<String> passKeywords,
        String passTargetAppId,
        Integer maxReprompts,
        LeadSinkConfig leadSink,
        List<Campaign> campaigns,
        String fallbackCampaign) {

    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(30);

    public static final List<String> DEFAULT_PASS_KEYWORDS =
            List.of("stop", "agent", "human", "person", "representative", "unsubscribe");

    public Settings {
        completionDeadline = completionDeadline == null ? DEFAULT_DEADLINE : completionDeadline;
        if (completionDeadline.isZero() || completionDeadline.isNegative()) {
            throw new IllegalArgumentException("completionDeadline must be positive: " + completionDeadline);
        }
        passKeywords = passKeywords == null ? DEFAULT_PASS_KEYWORDS
                : passKeywords.stream().map(word -> word.trim().toLowerCase(Locale.ROOT)).toList();
        maxReprompts = maxReprompts == null ? 1 : maxReprompts;
        if (maxReprompts < 0) {
            throw new IllegalArgumentException("maxReprompts must be >= 0: " + maxReprompts);
        }
        leadSink = leadSink == null ? LeadSinkConfig.LOGGING : leadSink;
        campaigns = List.copyOf(requireNonNull(campaigns, "campaigns is null (at least one campaign is needed)"));
        if (campaigns.isEmpty()) {
            throw new IllegalArgumentException("campaigns is empty (at least one campaign is needed)");
        }
        checkUnique(campaigns);
        if (fallbackCampaign != null && campaigns.stream().noneMatch(c -> c.name().equals(fallbackCampaign))) {
            throw new IllegalArgumentException("fallbackCampaign names no campaign: " + fallbackCampaign);
        }
    }

    public Optional<Campaign> campaign(String name) {
        return campaigns.stream().filter(campaign -> campaign.name().equals(name)).findFirst();
    }

    public boolean isPassKeyword(String text) {
        return text != null && passKeywords.contains(text.trim().toLowerCase(Locale.ROOT));
    }

    private static void checkUnique(List<Campaign> campaigns) {
        Set<String> names = new HashSet<>();
        Set<String> adIds = new HashSet<>();
        Set<String> refs = new HashSet<>();
        for (Campaign campaign : campaigns) {
            if (!names.add(campaign.name())) {
                throw new IllegalArgumentException("two campaigns are named " + campaign.name());
            }
            for (String adId : campaign.adIds()) {
                if (!adIds.add(adId)) {
                    throw new IllegalArgumentException("ad id " + adId + " is listed by two campaigns");
                }
            }
            for (String ref : campaign.refs()) {
                if (!refs.add(ref)) {
                    throw new IllegalArgumentException("ref " + ref + " is listed by two campaigns");
                }
            }
        }
    }
}
