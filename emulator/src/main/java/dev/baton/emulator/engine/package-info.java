/**
 * The routing engine: Pages, threads and Meta's Conversation Routing rules. Internal to the emulator; use
 * {@link dev.baton.emulator.Emulator}. Every method runs under the engine's one lock, so the order in which
 * webhooks are queued is the order in which the state changed.
 */
package dev.baton.emulator.engine;
