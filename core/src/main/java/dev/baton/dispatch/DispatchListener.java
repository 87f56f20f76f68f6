package dev.baton.dispatch;

import dev.baton.event.WebhookEvent;
import dev.baton.spi.HostedApp;

/**
 * Told of every event the dispatcher is about to hand to an app, in the conversation's lane, before the
 * app's callback runs. Ownership tracking and the messaging-window clock listen here, so that the app's
 * callback already sees their effect. Must be quick and must not throw.
 */
public interface DispatchListener {

    void beforeHandle(HostedApp app, WebhookEvent event);
}
