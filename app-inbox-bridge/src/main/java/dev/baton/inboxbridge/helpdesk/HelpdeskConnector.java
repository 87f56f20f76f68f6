package dev.baton.inboxbridge.helpdesk;

import dev.baton.spi.AppEndpointRequest;

/**
 * The inbox bridge's link to an outside helpdesk, in helpdesk mode: the bridge owns the thread and mirrors it
 * to a ticket. Outgoing calls tell the helpdesk what happened; {@link #readInbound} turns a request the
 * helpdesk made to the bridge's endpoint into an agent event, after checking it really came from the
 * helpdesk.
 *
 * <p>Threading: outgoing calls are made from conversation lanes (one at a time per conversation, many
 * conversations at once) and may block for the connector's timeout; {@link #readInbound} runs on HTTP
 * request threads. Implementations are thread-safe. A failed outgoing call throws
 * {@link HelpdeskUnavailableException}; the bridge decides what the person hears.
 */
public interface HelpdeskConnector {

    /** A conversation was handed to humans: open a ticket. */
    void ticketOpened(HelpdeskTicket ticket);

    /** The person wrote (or tapped a button) in a conversation with an open ticket. */
    void personMessage(HelpdeskMessage message);

    /** The ticket's conversation left the helpdesk (resolved, or another app took the thread). */
    void ticketClosed(String ticketId, String reason);

    /** An agent's reply could not reach the person, for {@code reason} (for example the 7-day window). */
    void replyUndeliverable(String ticketId, String replyId, String reason);

    /**
     * Authenticates and reads one request the helpdesk sent to the bridge.
     *
     * @throws HelpdeskInboundException with the HTTP status to answer when the request is refused
     */
    HelpdeskAgentEvent readInbound(AppEndpointRequest request);
}
