package dev.baton.send;

/**
 * {@code tag} for {@code messaging_type: MESSAGE_TAG}. Meta answers code 100 to the retired tags since
 * April 27, 2026; this client refuses them locally so the call is never made.
 */
public enum MessageTag {
    /** A human agent's reply within 7 days of the person's last message (needs the Human Agent permission). */
    HUMAN_AGENT(false),
    /** A feedback survey within 7 days of the person's last message. */
    CUSTOMER_FEEDBACK(false),
    CONFIRMED_EVENT_UPDATE(true),
    ACCOUNT_UPDATE(true),
    POST_PURCHASE_UPDATE(true);

    private final boolean retired;

    MessageTag(boolean retired) {
        this.retired = retired;
    }

    /** True for tags Meta no longer accepts. */
    public boolean retired() {
        return retired;
    }
}
