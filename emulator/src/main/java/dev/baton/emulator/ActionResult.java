package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import dev.baton.event.Channel;
import dev.baton.event.WebhookEvent;
import java.util.List;

/** The webhooks one person action (or Graph API call) caused, in the order the emulator queued them. */
public record ActionResult(List<CausedWebhook> webhooks) {

    public ActionResult {
        webhooks = List.copyOf(requireNonNull(webhooks, "webhooks is null"));
    }

    /** The events one app got, in order. */
    public List<WebhookEvent> eventsFor(String appId) {
        return webhooks.stream().filter(w -> w.appId().equals(appId)).map(CausedWebhook::event).toList();
    }

    /** The events one app got in one channel, in order. */
    public List<WebhookEvent> eventsFor(String appId, Channel channel) {
        return webhooks.stream()
                .filter(w -> w.appId().equals(appId) && w.channel() == channel)
                .map(CausedWebhook::event)
                .toList();
    }
}
