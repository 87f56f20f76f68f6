/**
 * Signed ingest of Meta webhooks, free of any transport: {@link dev.baton.webhook.WebhookSignature} checks
 * {@code X-Hub-Signature-256} over the raw bytes, {@link dev.baton.webhook.SubscriptionCheck} answers the
 * subscription handshake, {@link dev.baton.webhook.WebhookParser} turns a body into a
 * {@link dev.baton.event.WebhookBatch} and {@link dev.baton.webhook.WebhookWriter} writes one back in Meta's
 * exact shape (used by the emulator to deliver signed webhooks). Every public type is thread-safe.
 */
package dev.baton.webhook;
