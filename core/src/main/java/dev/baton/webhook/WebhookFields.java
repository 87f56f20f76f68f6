package dev.baton.webhook;

import dev.baton.event.Platform;
import dev.baton.spi.AppRole;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Webhook field names, per platform: the set every Conversation Routing app must be subscribed to, and the
 * others a config may add. Meta delivers a field only when it is subscribed at both the app and the Page level
 * (platform-facts §7).
 *
 * <p>Every role needs the same set: Meta's routing doc says to subscribe <em>all</em> apps to messages,
 * referrals, handovers, postbacks and standby, and Baton's ownership tracking learns from echoes. Instagram
 * uses its own spellings ({@code messaging_referral}, singular) and carries echoes inside {@code messages}.
 * {@code messaging_handover} for Instagram is the routing doc's spelling; Meta's Instagram field table does
 * not list a handover field at all, so this is the safe choice, written down in core's README.
 */
public final class WebhookFields {

    private static final List<String> MESSENGER_REQUIRED = List.of("messages", "messaging_postbacks",
            "messaging_referrals", "messaging_handovers", "standby", "message_echoes");
    private static final Set<String> MESSENGER_OPTIONAL = Set.of("message_deliveries", "message_reads",
            "message_reactions", "message_edits", "messaging_optins", "messaging_policy_enforcement",
            "messaging_account_linking", "messaging_feedback", "messaging_game_plays",
            "messaging_customer_information", "messaging_in_thread_lead_form_submit", "response_feedback",
            "send_cart", "inbox_labels", "messenger_template_status_update", "message_template_status_update");
    private static final List<String> INSTAGRAM_REQUIRED = List.of("messages", "messaging_postbacks",
            "messaging_referral", "messaging_handover", "standby");
    private static final Set<String> INSTAGRAM_OPTIONAL = Set.of("message_reactions", "messaging_seen",
            "messaging_optins", "comments", "live_comments", "mentions", "story_insights");

    private WebhookFields() {}

    /** The fields an app of {@code role} needs on {@code platform}, in a stable order. */
    public static List<String> required(Platform platform, AppRole role) {
        return platform == Platform.INSTAGRAM ? INSTAGRAM_REQUIRED : MESSENGER_REQUIRED;
    }

    /** Whether {@code field} is a field name of {@code platform} that a config may name. */
    public static boolean known(Platform platform, String field) {
        return platform == Platform.INSTAGRAM
                ? INSTAGRAM_REQUIRED.contains(field) || INSTAGRAM_OPTIONAL.contains(field)
                : MESSENGER_REQUIRED.contains(field) || MESSENGER_OPTIONAL.contains(field);
    }

    /** The role's fields followed by {@code extra}, without repeats. */
    public static List<String> wanted(Platform platform, AppRole role, List<String> extra) {
        Set<String> fields = new LinkedHashSet<>(required(platform, role));
        fields.addAll(extra);
        return List.copyOf(fields);
    }

    /** The webhook object of the app-level subscription: {@code page} or {@code instagram}. */
    public static String object(Platform platform) {
        return platform == Platform.INSTAGRAM ? "instagram" : "page";
    }
}
