package dev.baton.event;

import static java.util.Objects.requireNonNull;

/**
 * A {@code messaging_postbacks} event: a button, Get Started or a persistent-menu item. Standby copies come
 * without {@code payload} (Meta gives the payload only to the app that sent the button), so it may be null.
 */
public record PostbackEvent(EventHeader header, String mid, String title, String payload, Referral referral)
        implements WebhookEvent {
    public PostbackEvent {
        requireNonNull(header, "header is null");
    }

    @Override
    public String kind() {
        return "postback";
    }
}
