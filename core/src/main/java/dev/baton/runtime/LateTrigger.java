package dev.baton.runtime;

import dev.baton.event.ConversationKey;
import dev.baton.spi.ConversationTrigger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A trigger handed to an app's module before the dispatcher exists (the dispatcher needs the app first);
 * connected once it does. Firing before the deployment is built fails clearly.
 */
final class LateTrigger implements ConversationTrigger {

    private final String appName;
    private final AtomicReference<ConversationTrigger> target = new AtomicReference<>();

    LateTrigger(String appName) {
        this.appName = appName;
    }

    void connect(ConversationTrigger trigger) {
        target.set(trigger);
    }

    @Override
    public void fire(ConversationKey conversation, String timerName) {
        ConversationTrigger connected = target.get();
        if (connected == null) {
            throw new IllegalStateException("app '" + appName + "' fired a trigger before the deployment was built");
        }
        connected.fire(conversation, timerName);
    }
}
