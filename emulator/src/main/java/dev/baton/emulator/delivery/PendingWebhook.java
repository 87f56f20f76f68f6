package dev.baton.emulator.delivery;

import dev.baton.emulator.DeliveryRecord;
import dev.baton.emulator.engine.OutgoingWebhook;
import java.util.concurrent.CompletableFuture;

/** A webhook in an app's queue; {@code firstAttempt} completes with the first POST that carried it (null if dropped). */
record PendingWebhook(OutgoingWebhook webhook, CompletableFuture<DeliveryRecord> firstAttempt) {

    /** Events can share a POST when they go to the same URL, with the same secret, for the same platform. */
    boolean canShareWith(PendingWebhook other) {
        return webhook.app().webhookUrl().equals(other.webhook.app().webhookUrl())
                && webhook.app().secret().equals(other.webhook.app().secret())
                && webhook.platform() == other.webhook.platform();
    }

    void dropped() {
        firstAttempt.complete(null);
    }
}
