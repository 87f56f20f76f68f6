package dev.baton.send;

/** {@code messaging_type}: why the message is sent. */
public enum MessagingType {
    /** A reply to a message the person sent, within the 24-hour window. */
    RESPONSE,
    /** A proactive message within the 24-hour window. */
    UPDATE,
    /** Outside the window, with a {@link MessageTag}. */
    MESSAGE_TAG,
    /** A utility message (approved utility template); not bound to the standard window. */
    UTILITY
}
