package dev.baton.emulator.delivery;

import dev.baton.emulator.DeliveryRecord;
import dev.baton.emulator.engine.OutgoingWebhook;
import java.util.concurrent.CompletableFuture;

/**
 * A webhook in an app's queue; {@code firstAttempt} completes with the first POST that carried it (null if
 * dropped); {@code settled} runs once, when it was delivered, given up or dropped.
 */
record PendingWebhook(OutgoingWebhook webhook, CompletableFuture<DeliveryRecord> firstAttempt, Runnable settled) {

    /** Events can share a POST when they go to the same URL, with the same secret, for the same platform. */
    boolean canShareWith(PendingWebhook other) {
        return webhook.app().webhookUrl().equals(other.webhook.app().webhookUrl())
                && webhook.app().secret().equals(other.webhook.app().secret())
                && webhook.platform() == other.webhook.platform();
    }

    void dropped() {
        firstAttempt.complete(null);
        settled.run();
    }

    /** Delivered, or given up after retries: nothing more will be sent for it. */
    void finished() {
        settled.run();
    }
}
