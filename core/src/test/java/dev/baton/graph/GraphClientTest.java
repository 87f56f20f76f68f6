package dev.baton.graph;

import static dev.baton.graph.GraphFixture.ALICE;
import static dev.baton.graph.GraphFixture.MARKETING_SECRET;
import static dev.baton.graph.GraphFixture.MARKETING_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.GraphSettings;
import dev.baton.graph.FakeGraphServer.Answer;
import dev.baton.graph.error.InvalidRequestException;
import dev.baton.graph.error.NotThreadOwnerException;
import dev.baton.graph.error.OtherGraphException;
import dev.baton.graph.error.RateLimitedException;
import dev.baton.graph.error.TemporaryGraphException;
import dev.baton.send.SendRequest;
import dev.baton.send.SendResponse;
import dev.baton.send.SendThreadControl;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphClientTest {

    private FakeGraphServer server;
    private GraphFixture fixture;

    @BeforeEach
    void start() throws Exception {
        server = new FakeGraphServer();
        fixture = new GraphFixture(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendPostsToThePageWithBearerTokenAndAppsecretProof() throws Exception {
        server.script("messages", Answer.ok("{\"recipient_id\":\"5001\",\"message_id\":\"mid.1\"}"));
        SendResponse response = fixture.marketing().send(ALICE, SendRequest.text("hello"));

        assertThat(response).isEqualTo(new SendResponse("5001", "mid.1"));
        FakeGraphServer.Received request = server.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v24.0/1000/messages");
        assertThat(request.authorization()).isEqualTo("Bearer " + MARKETING_TOKEN);
        assertThat(request.query()).doesNotContain(MARKETING_TOKEN);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(MARKETING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(MARKETING_TOKEN.getBytes(StandardCharsets.UTF_8)));
        assertThat(request.queryParameter("appsecret_proof")).isEqualTo(expected).hasSize(64);
        assertThat(request.body())
                .isEqualTo("{\"recipient\":{\"id\":\"5001\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"hello\"}}");
        assertThat(fixture.timerCount("baton.graph.calls", "endpoint", "messages", "outcome", "success")).isEqualTo(1);
    }

    @Test
    void noProofWhenTheSecretIsUnknown() {
        fixture.defaultApp().send(ALICE, SendRequest.text("hi"));
        assertThat(server.received().get(0).queryParameter("appsecret_proof")).isNull();
    }

    @Test
    void bothThreadControlFormsAreRefusedBeforeAnyCall() {
        String both = "{\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"bye\"},"
                + "\"thread_control\":{\"payload\":\"release_thread_control\",\"app_id\":\"222\",\"control_type\":\"release\"}}";
        assertThatThrownBy(() -> fixture.marketing().send(ALICE, SendRequest.raw(both)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cannot be combined");
        assertThatThrownBy(() -> fixture.marketing().send(ALICE, SendRequest.text("x".repeat(2001))))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(server.received()).isEmpty();
    }

    @Test
    void sendWithThreadControlPayloadFormUpdatesOwnership() {
        fixture.marketing().send(ALICE, SendRequest.text("bye").withThreadControl(SendThreadControl.passToDefaultApp()));
        assertThat(server.received().get(0).body()).contains("\"thread_control\":{\"payload\":\"pass_thread_control\"}");
        assertThat(fixture.factory.ownershipTracker().fromMemory(ALICE).orElseThrow().ownerAppId())
                .isEqualTo(GraphFixture.DEFAULT_APP);
    }

    @Test
    void sendWithThreadControlAppIdFormUpdatesOwnership() {
        fixture.marketing().send(ALICE, SendRequest.text("agent").withThreadControl(SendThreadControl.passTo("263902037430900")));
        assertThat(server.received().get(0).body())
                .contains("\"thread_control\":{\"app_id\":\"263902037430900\",\"control_type\":\"pass\"}");
        assertThat(fixture.factory.ownershipTracker().fromMemory(ALICE).orElseThrow().ownerAppId())
                .isEqualTo("263902037430900");
    }

    @Test
    void retriesA613ThenSucceeds() {
        server.script("messages", Answer.error(400, 613, 0, "Calls to this api have exceeded the rate limit."));
        SendResponse response = fixture.marketing().send(ALICE, SendRequest.text("again"));
        assertThat(response.messageId()).startsWith("mid.fake.");
        assertThat(server.received("messages")).hasSize(2);
        assertThat(fixture.count("baton.graph.retries", "endpoint", "messages")).isEqualTo(1);
        assertThat(fixture.count("baton.graph.errors", "code", "613", "subcode", "0")).isEqualTo(1);
    }

    @Test
    void givesUpAfterMaxRetriesWithTheTypedError() {
        for (int i = 0; i < 4; i++) {
            server.script("messages", Answer.error(400, 613, 2534040, "rate limit"));
        }
        assertThatThrownBy(() -> fixture.marketing().send(ALICE, SendRequest.text("x")))
                .isInstanceOf(RateLimitedException.class);
        assertThat(server.received("messages")).hasSize(4);
    }

    @Test
    void retries5xxWithEnvelopeButNot5xxWithout() {
        server.script("messages", Answer.error(500, 2, 0, "Service temporarily unavailable"));
        fixture.marketing().send(ALICE, SendRequest.text("x"));
        assertThat(server.received("messages")).hasSize(2);

        server.script("messages", new Answer(502, "<html>bad gateway</html>", null));
        assertThatThrownBy(() -> fixture.marketing().send(ALICE, SendRequest.text("y")))
                .isInstanceOf(OtherGraphException.class).hasMessageContaining("502");
        assertThat(server.received("messages")).hasSize(3);
    }

    @Test
    void doesNotRetryWhatMetaMayHaveDone() {
        server.script("messages", Answer.error(400, 10, 2018300,
                "(#10) Message failed to send because another app is controlling this thread now."));
        assertThatThrownBy(() -> fixture.marketing().send(ALICE, SendRequest.text("x")))
                .isInstanceOf(NotThreadOwnerException.class)
                .satisfies(e -> assertThat(((NotThreadOwnerException) e).error().fbtraceId()).isEqualTo("Ftrace"));
        assertThat(server.received("messages")).hasSize(1);
    }

    @Test
    void aConnectionNeverMadeIsRetriedThenSurfacedAsNothingSent() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        GraphSettings base = GraphFixture.settings("handover-protocol", 2, 1000, 10);
        GraphFixture unreachable = new GraphFixture(server, base);
        GraphClient client = new GraphClient(new GraphPageContext(GraphFixture.PAGE, dev.baton.event.Platform.MESSENGER,
                null, base.withBaseUrl("http://127.0.0.1:" + closedPort), unreachable.factory.page().mapper(),
                new dev.baton.graph.GraphHttp(base.withBaseUrl("http://127.0.0.1:" + closedPort),
                        unreachable.factory.page().mapper(), unreachable.registry),
                unreachable.factory.page().rateLimiter(), new ConversationLanes(), unreachable.factory.page().retry(),
                unreachable.factory.page().window(), unreachable.factory.ownershipTracker(), unreachable.registry),
                new GraphCredentials("111", MARKETING_TOKEN, null));
        assertThatThrownBy(() -> client.send(ALICE, SendRequest.text("x")))
                .isInstanceOf(dev.baton.graph.error.GraphTransportException.class)
                .hasMessageContaining("nothing was sent").hasMessageNotContaining(MARKETING_TOKEN);
        assertThat(unreachable.count("baton.graph.retries", "endpoint", "messages")).isEqualTo(2);
    }

    @Test
    void temporaryErrorTypeIsRetryable() {
        server.script("messages", Answer.error(500, 1, 0, "An unknown error occurred"),
                Answer.error(500, 1, 0, "An unknown error occurred"), Answer.error(500, 1, 0, "An unknown error occurred"),
                Answer.error(500, 1, 0, "An unknown error occurred"));
        assertThatThrownBy(() -> fixture.marketing().send(ALICE, SendRequest.text("x")))
                .isInstanceOf(TemporaryGraphException.class);
        assertThat(fixture.count("baton.graph.retries", "endpoint", "messages")).isEqualTo(3);
    }
}
