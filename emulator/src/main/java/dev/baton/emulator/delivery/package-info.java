/**
 * Webhook delivery: one ordered queue and worker per app, batching, Meta's signatures, retries with
 * backoff, unsubscribing after an hour of failure, and the log of every POST. Internal to the emulator.
 */
package dev.baton.emulator.delivery;
