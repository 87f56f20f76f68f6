package dev.baton.inboxbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.ConversationKey;
import dev.baton.inboxbridge.helpdesk.HelpdeskProtocol;
import dev.baton.inboxbridge.helpdesk.HelpdeskSignature;
import dev.baton.inboxbridge.helpdesk.InMemoryHelpdeskConnector;
import dev.baton.send.MessageTag;
import dev.baton.spi.AppEndpointRequest;
import dev.baton.spi.AppEndpointResponse;
import dev.baton.spi.AppRole;
import dev.baton.spi.HostedApp;
import dev.baton.spi.ThreadOwnership;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestEvents;
import dev.baton.testing.TestingDeployment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The helpdesk mode on the real dispatcher: agent replies reach the conversation's lane through its trigger. */
class InboxBridgeLaneTest {

    static final String PAGE = "100";
    static final String USER = "alice";
    static final String BRIDGE = "300";
    static final String SECRET = "helpdesk-test-secret-0123456789";

    final HelpdeskSignature signature = new HelpdeskSignature(SECRET);
    TestingDeployment deployment;
    InMemoryHelpdeskConnector helpdesk;
    InboxBridgeApp bridge;

    @BeforeEach
    void start() {
        helpdesk = new InMemoryHelpdeskConnector(new HelpdeskProtocol(signature), java.time.Clock.systemUTC());
        Settings config = new Settings("helpdesk", "Queued for a person.", null, null,
                new Settings.Helpdesk("memory", null, SECRET, null, "10s", null, "7d", null));
        bridge = new InboxBridgeApp(config, helpdesk, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                "inbox-bridge");
        deployment = TestingDeployment.builder().app(new HostedApp("inbox-bridge", BRIDGE, AppRole.INBOX), bridge)
                .build();
        outbound().setDefaultAppId("200").setOwner(new ConversationKey(PAGE, USER),
                new ThreadOwnership(BRIDGE, null, null, ThreadOwnership.Source.HANDOVER_EVENT));
    }

    @AfterEach
    void stop() {
        deployment.close();
    }

    RecordingOutbound outbound() {
        return deployment.outbound("inbox-bridge");
    }

    long now() {
        return deployment.clock().instant().toEpochMilli();
    }

    String openTicket() {
        deployment.deliver("inbox-bridge", TestEvents.message(PAGE, USER, "m0", "I need a person", now()),
                TestEvents.passedTo(PAGE, USER, "200", BRIDGE, "{\"reason\":\"keyword\"}", now()));
        return helpdesk.events("ticket.opened").get(0).get("ticket").asText();
    }

    AppEndpointResponse reply(String ticket, String id, String text) {
        byte[] body = ("{\"type\":\"reply\",\"ticket\":\"" + ticket + "\",\"reply_id\":\"" + id + "\",\"text\":\""
                + text + "\"}").getBytes(StandardCharsets.UTF_8);
        return bridge.handle(new AppEndpointRequest("POST", "/helpdesk",
                Map.of(HelpdeskSignature.HEADER, List.of(signature.sign(body))), body),
                deployment.dispatcher().trigger("inbox-bridge"));
    }

    @Test
    void repliesFromManyHttpThreadsAreSentOnceEachInTheLane() throws Exception {
        String ticket = openTicket();
        ExecutorService http = Executors.newFixedThreadPool(4);
        try {
            List<Future<AppEndpointResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String id = "r" + (i % 10); // every reply is sent twice, as a helpdesk retrying would
                int n = i % 10;
                answers.add(http.submit(() -> reply(ticket, id, "answer " + n)));
            }
            for (Future<AppEndpointResponse> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
            }
        } finally {
            http.shutdownNow();
        }

        List<String> agentTexts = outbound().sentTexts().stream().filter(text -> text.startsWith("answer")).toList();
        assertThat(agentTexts).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void theWindowsFollowThePersonsLastMessageAsTheDeploymentRecordedIt() {
        String ticket = openTicket();
        deployment.advance(Duration.ofHours(30));
        assertThat(reply(ticket, "r1", "Sorry for the wait").status()).isEqualTo(200);
        assertThat(outbound().sends().get(outbound().sends().size() - 1).request().tag())
                .isEqualTo(MessageTag.HUMAN_AGENT);

        deployment.advance(Duration.ofDays(6));
        AppEndpointResponse late = reply(ticket, "r2", "Are you still there?");

        assertThat(late.status()).isEqualTo(422);
        assertThat(outbound().sentTexts()).doesNotContain("Are you still there?");
    }

    @Test
    void aQuietTicketIsHandedBackByItsTimer() {
        openTicket();
        deployment.advance(Duration.ofDays(7).plusMinutes(1));

        assertThat(outbound().passes()).hasSize(1);
        assertThat(outbound().passes().get(0).metadata()).contains("\"via\":\"inactive\"");
        assertThat(helpdesk.events("ticket.closed")).hasSize(1);
    }
}
