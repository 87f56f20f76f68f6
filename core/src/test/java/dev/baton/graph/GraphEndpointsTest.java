package dev.baton.graph;

import static dev.baton.graph.GraphFixture.ALICE;
import static dev.baton.graph.GraphFixture.DEFAULT_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.GraphSettings;
import dev.baton.dispatch.Outbound;
import dev.baton.graph.FakeGraphServer.Answer;
import dev.baton.graph.error.HandoverUnavailableException;
import dev.baton.graph.error.InvalidRequestException;
import dev.baton.graph.error.NotThreadOwnerException;
import dev.baton.ownership.ThreadOwnerAnswer;
import dev.baton.spi.AppRole;
import dev.baton.spi.HostedApp;
import dev.baton.spi.ThreadOwnership;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Handover Protocol endpoints, the lookups, and thread control through the Outbound. */
class GraphEndpointsTest {

    private static final HostedApp MARKETING_APP = new HostedApp("marketing", GraphFixture.MARKETING, AppRole.MARKETING);

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
    void passWithAndWithoutTargetAndMetadata() {
        fixture.marketing().passThreadControl(ALICE, null, "done with the ad");
        fixture.marketing().passThreadControl(ALICE, "263902037430900", null);
        assertThat(server.received("pass_thread_control")).extracting(FakeGraphServer.Received::body).containsExactly(
                "{\"recipient\":{\"id\":\"5001\"},\"metadata\":\"done with the ad\"}",
                "{\"recipient\":{\"id\":\"5001\"},\"target_app_id\":\"263902037430900\"}");
        assertThat(server.received("pass_thread_control").get(0).path()).isEqualTo("/v24.0/1000/pass_thread_control");
        assertThat(fixture.factory.ownershipTracker().fromMemory(ALICE).orElseThrow().ownerAppId())
                .isEqualTo("263902037430900");
        assertThatThrownBy(() -> fixture.marketing().passThreadControl(ALICE, "inbox", null))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void releaseTakeRequestExtend() {
        fixture.marketing().releaseThreadControl(ALICE, "bye");
        assertThat(fixture.factory.ownershipTracker().fromMemory(ALICE).orElseThrow().ownerAppId()).isEqualTo(DEFAULT_APP);
        fixture.marketing().takeThreadControl(ALICE, null);
        assertThat(fixture.factory.ownershipTracker().fromMemory(ALICE).orElseThrow().ownerAppId())
                .isEqualTo(GraphFixture.MARKETING);
        fixture.marketing().requestThreadControl(ALICE, "may I");
        fixture.marketing().extendThreadControl(ALICE, Duration.ofDays(2));
        assertThat(server.received()).extracting(r -> r.endpoint() + " " + r.body()).containsExactly(
                "release_thread_control {\"recipient\":{\"id\":\"5001\"},\"metadata\":\"bye\"}",
                "take_thread_control {\"recipient\":{\"id\":\"5001\"}}",
                "request_thread_control {\"recipient\":{\"id\":\"5001\"},\"metadata\":\"may I\"}",
                "extend_thread_control {\"recipient\":{\"id\":\"5001\"},\"duration\":172800}");
        assertThatThrownBy(() -> fixture.marketing().extendThreadControl(ALICE, Duration.ofDays(8)))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(server.received()).hasSize(4);
    }

    @Test
    void conversationRoutingRefusalsAreTypedWithAdvice() {
        server.script("take_thread_control", Answer.error(400, 100, 0, "Handover Protocol APIs disabled for this page."));
        assertThatThrownBy(() -> fixture.marketing().takeThreadControl(ALICE, null))
                .isInstanceOf(HandoverUnavailableException.class)
                .satisfies(e -> assertThat(((HandoverUnavailableException) e).advice()).contains("thread_control"));
        server.script("release_thread_control", Answer.error(400, 100, 2534037,
                "The action is invalid since it's not the thread owner."));
        assertThatThrownBy(() -> fixture.marketing().releaseThreadControl(ALICE, null))
                .isInstanceOf(NotThreadOwnerException.class);
        assertThat(fixture.factory.ownershipTracker().fromMemory(ALICE)).isEmpty(); // failures change nothing
    }

    @Test
    void threadOwnerLookupParsesNumbersAndIdle() {
        server.script("thread_owner",
                Answer.ok("{\"data\":[{\"thread_owner\":{\"app_id\":263902037430900,\"expiration\":1795000000}}]}"),
                Answer.ok("{\"data\":[{\"thread_owner\":{\"expiration\":1795000000}}]}"),
                Answer.ok("{\"data\":[]}"));
        assertThat(fixture.marketing().threadOwner(ALICE))
                .contains(new ThreadOwnerAnswer("263902037430900", Instant.ofEpochSecond(1795000000)));
        assertThat(fixture.marketing().threadOwner(ALICE)).contains(new ThreadOwnerAnswer(null, Instant.ofEpochSecond(1795000000)));
        assertThat(fixture.marketing().threadOwner(ALICE)).isEmpty();
        assertThat(server.received("thread_owner").get(0).queryParameter("recipient")).isEqualTo("5001");
        assertThat(server.received("thread_owner").get(0).method()).isEqualTo("GET");
    }

    @Test
    void featureStatusAndSecondaryReceivers() {
        server.script("me", Answer.ok("{\"messaging_feature_status\":{\"hop_v2\":false,\"msgr_multi_app\":true,"
                + "\"ig_multi_app\":false},\"id\":\"1000\"}"));
        server.script("secondary_receivers", Answer.ok("{\"data\":[{\"id\":\"12345678910\",\"name\":\"David's Composer\"}]}"));
        assertThat(fixture.marketing().messagingFeatureStatus()).isEqualTo(new MessagingFeatureStatus(false, true, false));
        assertThat(server.received("me").get(0).queryParameter("fields")).isEqualTo("messaging_feature_status");
        assertThat(fixture.marketing().secondaryReceivers())
                .containsExactly(new SecondaryReceiver("12345678910", "David's Composer"));
    }

    @Test
    void outboundOwnerAsksTheDefaultAppsLookupOnceThenAnswersFromMemory() {
        server.script("thread_owner", Answer.ok("{\"data\":[{\"thread_owner\":{\"app_id\":\"222\",\"expiration\":1800000000}}]}"));
        Outbound outbound = fixture.factory.forApp(MARKETING_APP);
        ThreadOwnership first = outbound.owner(ALICE);
        ThreadOwnership second = outbound.owner(ALICE);
        assertThat(first.ownerAppId()).isEqualTo("222");
        assertThat(second.source()).isEqualTo(ThreadOwnership.Source.GRAPH_LOOKUP);
        assertThat(server.received("thread_owner")).hasSize(1);
        assertThat(server.received("thread_owner").get(0).authorization()).contains(GraphFixture.DEFAULT_TOKEN);
        assertThat(fixture.count("baton.ownership.lookups", "source", "meta")).isEqualTo(1);
        assertThat(fixture.count("baton.ownership.lookups", "source", "memory")).isEqualTo(1);
    }

    @Test
    void autoModeAsksFeatureStatusOnceAndUsesTheSendApiWithAHandoffText() throws Exception {
        server.script("me", Answer.ok("{\"messaging_feature_status\":{\"msgr_multi_app\":true}}"));
        GraphFixture auto = new GraphFixture(server, GraphFixture.settings("auto", 0, 1000, 10),
                GraphTuning.DEFAULTS.withHandoffText("Passing you to a colleague"));
        Outbound outbound = auto.factory.forApp(MARKETING_APP);
        outbound.pass(ALICE, null, "lead-qualified");
        outbound.release(ALICE, null);
        assertThat(server.received("me")).hasSize(1);
        assertThat(server.received("messages")).extracting(FakeGraphServer.Received::body).containsExactly(
                "{\"recipient\":{\"id\":\"5001\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":"
                        + "\"Passing you to a colleague\",\"metadata\":\"lead-qualified\"},"
                        + "\"thread_control\":{\"payload\":\"pass_thread_control\"}}",
                "{\"recipient\":{\"id\":\"5001\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":"
                        + "\"Passing you to a colleague\"},\"thread_control\":{\"payload\":\"release_thread_control\"}}");
        assertThat(auto.factory.ownershipTracker().fromMemory(ALICE).orElseThrow().ownerAppId()).isEqualTo(DEFAULT_APP);
    }

    @Test
    void sendApiModeWithoutHandoffTextFallsBackToTheEndpoints() {
        GraphFixture sendApi = new GraphFixture(server, GraphFixture.settings("send-api", 0, 1000, 10));
        sendApi.factory.forApp(MARKETING_APP).pass(ALICE, "263902037430900", "x");
        assertThat(server.received()).extracting(FakeGraphServer.Received::endpoint).containsExactly("pass_thread_control");
    }

    @Test
    void autoModeWithoutConversationRoutingUsesTheHandoverProtocol() {
        server.script("me", Answer.ok("{\"messaging_feature_status\":{\"msgr_multi_app\":false,\"ig_multi_app\":true}}"));
        GraphFixture auto = new GraphFixture(server, GraphFixture.settings("auto", 0, 1000, 10),
                GraphTuning.DEFAULTS.withHandoffText("bye"));
        auto.factory.forApp(MARKETING_APP).release(ALICE, null);
        assertThat(server.received()).extracting(FakeGraphServer.Received::endpoint)
                .containsExactly("me", "release_thread_control");
    }

    @Test
    void badConfigurationIsRefusedAtStart() {
        assertThatThrownBy(() -> new GraphFixture(server, GraphFixture.settings("telepathy", 0, 1000, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threadControl");
        GraphSettings base = GraphFixture.settings("auto", 0, 1000, 10);
        assertThatThrownBy(() -> new GraphFixture(server, new GraphSettings(base.baseUrl(), base.version(),
                base.threadControl(), base.connectTimeout(), base.requestTimeout(), 300, 10, 10, 0, "shrug")))
                .hasMessageContaining("windowPolicy");
    }
}
