package dev.baton.inboxbridge.helpdesk;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.spi.AppEndpointRequest;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A helpdesk kept in memory, for tests and demos: it records every outgoing event as the JSON the HTTP
 * connector would post, and reads inbound requests with the same signed protocol. {@link #failing} makes
 * the next calls fail as an unreachable helpdesk would.
 */
public final class InMemoryHelpdeskConnector implements HelpdeskConnector {

    private final HelpdeskProtocol protocol;
    private final Clock clock;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    public InMemoryHelpdeskConnector(HelpdeskProtocol protocol, Clock clock) {
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Every event told to the helpdesk, oldest first. */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** The events of one type ({@code ticket.opened}, {@code message}, ...). */
    public List<JsonNode> events(String type) {
        return events.stream().filter(event -> type.equals(event.get("type").asText())).toList();
    }

    public void failing(boolean fail) {
        this.failing = fail;
    }

    @Override
    public void ticketOpened(HelpdeskTicket ticket) {
        record(HelpdeskProtocol.ticketOpened(ticket));
    }

    @Override
    public void personMessage(HelpdeskMessage message) {
        record(HelpdeskProtocol.message(message));
    }

    @Override
    public void ticketClosed(String ticketId, String reason) {
        record(HelpdeskProtocol.ticketClosed(ticketId, reason, clock.instant()));
    }

    @Override
    public void replyUndeliverable(String ticketId, String replyId, String reason) {
        record(HelpdeskProtocol.replyUndeliverable(ticketId, replyId, reason, clock.instant()));
    }

    @Override
    public HelpdeskAgentEvent readInbound(AppEndpointRequest request) {
        return protocol.read(request);
    }

    private void record(JsonNode event) {
        if (failing) {
            throw new HelpdeskUnavailableException("in-memory helpdesk set to fail", null);
        }
        events.add(event);
    }
}
