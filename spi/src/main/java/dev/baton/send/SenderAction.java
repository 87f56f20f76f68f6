package dev.baton.send;

/** {@code sender_action}: an action shown to the person instead of a message. REACT and UNREACT need a payload. */
public enum SenderAction {
    MARK_SEEN,
    TYPING_ON,
    TYPING_OFF,
    REACT,
    UNREACT;

    public boolean needsPayload() {
        return this == REACT || this == UNREACT;
    }
}
