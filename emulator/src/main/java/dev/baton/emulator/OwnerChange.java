package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One change of a thread's owner, in simulated time: from whom ({@code null}: nobody, a new or idle thread),
 * to whom ({@code null}: idle, only without a default app), and what caused it, in words ("ad tap",
 * "pass_thread_control by 111", "control lapsed after 24 h", "Inbox: Done").
 */
public record OwnerChange(Instant at, String fromAppId, String toAppId, String cause) {

    public OwnerChange {
        requireNonNull(at, "at is null");
        requireNonNull(cause, "cause is null");
    }
}
