package dev.baton.send;

/** {@code notification_type}: how the person's device signals the message. Meta's default is REGULAR. */
public enum NotificationType {
    REGULAR,
    SILENT_PUSH,
    NO_PUSH
}
