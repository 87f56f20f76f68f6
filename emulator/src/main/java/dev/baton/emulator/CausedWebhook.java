package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import dev.baton.event.Channel;
import dev.baton.event.WebhookEvent;

/**
 * One webhook event an action caused for one app, with the first POST that carried it ({@code null} if that
 * POST was not made before the action stopped waiting). The event's channel says whether it went in
 * {@code messaging[]} or {@code standby[]}.
 */
public record CausedWebhook(String appId, String pageId, WebhookEvent event, DeliveryRecord firstAttempt) {

    public CausedWebhook {
        requireNonNull(appId, "appId is null");
        requireNonNull(pageId, "pageId is null");
        requireNonNull(event, "event is null");
    }

    public Channel channel() {
        return event.channel();
    }

    /** {@code messaging} or {@code standby}: the entry array the event went in. */
    public String field() {
        return event.channel() == Channel.STANDBY ? "standby" : "messaging";
    }
}
