package dev.baton.inboxbridge.helpdesk;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.spi.AppEndpointRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * The generic HTTP/JSON helpdesk connector: every outgoing event is one signed POST to the helpdesk's
 * webhook URL (header {@code X-Baton-Event} names the type); any 2xx answer is success, anything else (or no
 * answer within the timeout) a {@link HelpdeskUnavailableException}. Not retried here: the bridge decides.
 * Agent replies come back to the bridge's own endpoint, signed with the same secret.
 */
public final class HttpHelpdeskConnector implements HelpdeskConnector {

    private final URI webhookUrl;
    private final HelpdeskProtocol protocol;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;

    public HttpHelpdeskConnector(URI webhookUrl, HelpdeskProtocol protocol, Duration timeout, Clock clock) {
        this.webhookUrl = requireNonNull(webhookUrl, "webhookUrl is null");
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void ticketOpened(HelpdeskTicket ticket) {
        post(HelpdeskProtocol.ticketOpened(ticket));
    }

    @Override
    public void personMessage(HelpdeskMessage message) {
        post(HelpdeskProtocol.message(message));
    }

    @Override
    public void ticketClosed(String ticketId, String reason) {
        post(HelpdeskProtocol.ticketClosed(ticketId, reason, clock.instant()));
    }

    @Override
    public void replyUndeliverable(String ticketId, String replyId, String reason) {
        post(HelpdeskProtocol.replyUndeliverable(ticketId, replyId, reason, clock.instant()));
    }

    @Override
    public HelpdeskAgentEvent readInbound(AppEndpointRequest request) {
        return protocol.read(request);
    }

    private void post(ObjectNode event) {
        byte[] body = HelpdeskProtocol.bytes(event);
        HttpRequest request = HttpRequest.newBuilder(webhookUrl).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Baton-Event", event.get("type").asText())
                .header(HelpdeskSignature.HEADER, protocol.signature().sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new HelpdeskUnavailableException("helpdesk unreachable (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HelpdeskUnavailableException("interrupted while calling the helpdesk", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new HelpdeskUnavailableException("helpdesk answered HTTP " + response.statusCode(), null);
        }
    }

    @Override
    public String toString() {
        return "HttpHelpdeskConnector[" + webhookUrl.getScheme() + "://" + webhookUrl.getAuthority() + "]";
    }
}
