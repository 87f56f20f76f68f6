package dev.baton.event;

/** Which array of a webhook entry an event came from: the owner's {@code messaging[]} or a watcher's {@code standby[]}. */
public enum Channel {
    MESSAGING,
    STANDBY
}
