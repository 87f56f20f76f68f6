package dev.baton.emulator.engine;

import dev.baton.emulator.AppRegistration;
import dev.baton.event.Channel;
import dev.baton.event.EventHeader;
import dev.baton.event.WebhookEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Who gets a copy of an event of one thread. The owner gets it in {@code messaging[]}; every other subscribed
 * app with its standby flag on gets it in {@code standby[]}; apps with standby off get nothing. A thread with
 * no owner (idle, only on a Page without a default app) gives every app a {@code messaging[]} copy. The Inbox
 * has no webhook, so it never appears here. An app gets only the fields it is subscribed to, at the Page and
 * the app level.
 */
final class Fanout {

    private final PageState page;
    private final ThreadState thread;
    private final List<OutgoingWebhook> webhooks = new ArrayList<>();

    Fanout(PageState page, ThreadState thread) {
        this.page = page;
        this.thread = thread;
    }

    /** {@code eventFor} builds the copy for a channel (standby copies may carry less, as Meta's do). */
    void toOwnerAndWatchers(Function<Channel, WebhookEvent> eventFor) {
        for (AppRegistration app : page.subscribedApps()) {
            if (thread.ownerAppId == null || thread.ownerAppId.equals(app.id())) {
                add(app, eventFor.apply(Channel.MESSAGING));
            } else if (app.standby()) {
                add(app, eventFor.apply(Channel.STANDBY));
            }
        }
    }

    /** A handover event for one app, always in {@code messaging[]}; nothing when the app has no webhook. */
    void toApp(String appId, WebhookEvent event) {
        page.subscribedApps().stream().filter(app -> app.id().equals(appId)).findFirst()
                .ifPresent(app -> add(app, event));
    }

    /** Only fields the app is subscribed to at both levels are delivered (no standby field, no standby copies). */
    private void add(AppRegistration app, WebhookEvent event) {
        if (!page.receives(app.id(), WebhookField.of(event, page.registration.platform()))) {
            return;
        }
        webhooks.add(new OutgoingWebhook(page.id(), page.registration.platform(), app, event));
    }

    List<OutgoingWebhook> webhooks() {
        return webhooks;
    }

    /** The header of an event the person caused: sender is the person, recipient the Page. */
    EventHeader fromPerson(long timestamp, Channel channel) {
        return new EventHeader(page.id(), thread.psid, page.id(), timestamp, channel);
    }

    /** The header of an echo: sender is the Page, recipient the person. */
    EventHeader fromPage(long timestamp, Channel channel) {
        return new EventHeader(page.id(), page.id(), thread.psid, timestamp, channel);
    }
}
