/**
 * Fixtures for tests that run against the emulator: {@link dev.baton.emulator.testing.EmulatorExtension}
 * (JUnit 5; junit-jupiter-api is an optional dependency, bring your own) and
 * {@link dev.baton.emulator.testing.WebhookReceiver}, a loopback app endpoint that checks signatures.
 */
package dev.baton.emulator.testing;
