package dev.baton.ownership;

import java.time.Instant;

/**
 * What Meta's {@code GET /{page-id}/thread_owner} said: the owner's app id (only told to the owner and to
 * the default app; null otherwise) and the control expiration (null when not given).
 */
public record ThreadOwnerAnswer(String appId, Instant expiration) {}
