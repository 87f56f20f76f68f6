package dev.baton.inboxbridge.helpdesk;

import static java.util.Objects.requireNonNull;

/** What a helpdesk agent did, as read from an inbound request. */
public sealed interface HelpdeskAgentEvent {

    String ticketId();

    /**
     * The agent answered; the bridge sends {@code text} to the person.
     *
     * @param replyId the helpdesk's id for this reply: a resent reply with the same id is sent once
     */
    record Reply(String ticketId, String replyId, String agent, String text) implements HelpdeskAgentEvent {
        public Reply {
            requireNonNull(ticketId, "ticketId is null");
            requireNonNull(replyId, "replyId is null");
            requireNonNull(text, "text is null");
            if (text.isBlank() || text.length() > 2000) {
                throw new IllegalArgumentException("reply text must be 1 to 2000 characters");
            }
        }
    }

    /** The agent resolved the ticket; the bridge gives the conversation back to the default app. */
    record Resolve(String ticketId, String note) implements HelpdeskAgentEvent {
        public Resolve {
            requireNonNull(ticketId, "ticketId is null");
        }
    }
}
