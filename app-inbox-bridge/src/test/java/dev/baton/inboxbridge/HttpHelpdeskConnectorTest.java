package dev.baton.inboxbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.baton.inboxbridge.helpdesk.HelpdeskMessage;
import dev.baton.inboxbridge.helpdesk.HelpdeskProtocol;
import dev.baton.inboxbridge.helpdesk.HelpdeskSignature;
import dev.baton.inboxbridge.helpdesk.HelpdeskTicket;
import dev.baton.inboxbridge.helpdesk.HelpdeskUnavailableException;
import dev.baton.inboxbridge.helpdesk.HttpHelpdeskConnector;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpHelpdeskConnectorTest {

    static final String SECRET = "helpdesk-test-secret-0123456789";

    record Received(String event, String signature, byte[] body) {}

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);
    HttpServer server;
    HttpHelpdeskConnector connector;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/baton", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Baton-Event"),
                    exchange.getRequestHeaders().getFirst(HelpdeskSignature.HEADER), body));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/baton");
        connector = new HttpHelpdeskConnector(url, new HelpdeskProtocol(new HelpdeskSignature(SECRET)),
                Duration.ofSeconds(5), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void everyEventIsOneSignedPostNamingItsType() throws Exception {
        connector.ticketOpened(new HelpdeskTicket("t-1", "1000", "u1", "messenger", "{\"reason\":\"keyword\"}",
                Instant.parse("2026-11-01T10:00:00Z")));
        connector.personMessage(new HelpdeskMessage("t-1", "hello", List.of("https://cdn/x.jpg"),
                Instant.parse("2026-11-01T10:01:00Z")));
        connector.ticketClosed("t-1", "taken by app 263902037430900");
        connector.replyUndeliverable("t-1", "r1", "outside the 7-day human agent window");

        assertThat(received).extracting(Received::event)
                .containsExactly("ticket.opened", "message", "ticket.closed", "reply.undeliverable");
        HelpdeskSignature signature = new HelpdeskSignature(SECRET);
        assertThat(received).allSatisfy(post -> assertThat(signature.verify(post.body(), post.signature())).isTrue());
        JsonNode message = new ObjectMapper().readTree(received.get(1).body());
        assertThat(message.get("text").asText()).isEqualTo("hello");
        assertThat(message.get("attachments").get(0).asText()).isEqualTo("https://cdn/x.jpg");
        assertThat(new ObjectMapper().readTree(received.get(0).body()).get("summary").get("reason").asText())
                .isEqualTo("keyword");
    }

    @Test
    void aNon2xxAnswerOrNoServerIsUnavailable() {
        status.set(500);
        assertThatThrownBy(() -> connector.ticketClosed("t-1", "x"))
                .isInstanceOf(HelpdeskUnavailableException.class).hasMessageContaining("500");

        server.stop(0);
        assertThatThrownBy(() -> connector.ticketClosed("t-1", "x"))
                .isInstanceOf(HelpdeskUnavailableException.class).hasMessageContaining("unreachable");
    }

    @Test
    void ticketIdsLeadBackToTheirConversation() {
        var key = new dev.baton.event.ConversationKey("1000", "u1");
        String ticket = Tickets.id(key, 3);

        assertThat(Tickets.conversationOf(ticket)).contains(key);
        assertThat(Tickets.conversationOf("t-" + "!!")).isEmpty();
        assertThat(Tickets.conversationOf("nope")).isEmpty();
        assertThat(connector.toString()).doesNotContain(SECRET);
    }
}
