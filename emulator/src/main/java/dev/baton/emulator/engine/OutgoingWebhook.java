package dev.baton.emulator.engine;

import static java.util.Objects.requireNonNull;

import dev.baton.emulator.AppRegistration;
import dev.baton.event.Platform;
import dev.baton.event.WebhookEvent;

/** One event for one app of one Page, produced by a routing rule and waiting for delivery. */
public record OutgoingWebhook(String pageId, Platform platform, AppRegistration app, WebhookEvent event) {

    public OutgoingWebhook {
        requireNonNull(pageId, "pageId is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(app, "app is null");
        requireNonNull(event, "event is null");
    }
}
