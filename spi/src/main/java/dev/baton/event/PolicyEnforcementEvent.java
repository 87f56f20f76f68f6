package dev.baton.event;

import static java.util.Objects.requireNonNull;

/**
 * A {@code messaging_policy_enforcement} event ({@code policy_enforcement}, or {@code policy-enforcement} in
 * older shapes): Meta warned, blocked or unblocked the app on this Page. {@code action} is {@code warning},
 * {@code block} or {@code unblock} as sent; {@code reason} is absent on unblock. It concerns the Page, not a
 * person: there is no {@code sender}, so its conversation is the Page-level one (user id {@code ""}).
 */
public record PolicyEnforcementEvent(EventHeader header, String action, String reason) implements WebhookEvent {
    public PolicyEnforcementEvent {
        requireNonNull(header, "header is null");
    }

    public boolean isBlock() {
        return "block".equals(action);
    }

    @Override
    public String kind() {
        return "policy_enforcement";
    }
}
