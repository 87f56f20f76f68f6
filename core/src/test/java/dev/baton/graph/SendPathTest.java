package dev.baton.graph;

import static dev.baton.graph.GraphFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.GraphSettings;
import dev.baton.send.SendRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link GraphSettings#sendPath()}: the Send API on the Page node or on {@code me}; other calls unchanged. */
class SendPathTest {

    private FakeGraphServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeGraphServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void byDefaultSendsArePostedToThePageNode() {
        GraphFixture fixture = new GraphFixture(server);
        fixture.marketing().send(ALICE, SendRequest.text("hi"));
        assertThat(server.received("messages")).singleElement()
                .satisfies(call -> assertThat(call.path()).isEqualTo("/v24.0/" + GraphFixture.PAGE + "/messages"));
    }

    @Test
    void sendPathMePostsToMeMessagesAndLeavesTheHandoverEndpointsOnThePage() {
        GraphFixture fixture = new GraphFixture(server,
                GraphFixture.settings("handover-protocol", 0, 100, 10).withSendPath("me"));
        fixture.marketing().send(ALICE, SendRequest.text("hi"));
        fixture.marketing().passThreadControl(ALICE, null, null);
        assertThat(server.received("messages")).singleElement()
                .satisfies(call -> assertThat(call.path()).isEqualTo("/v24.0/me/messages"));
        assertThat(server.received("pass_thread_control")).singleElement()
                .satisfies(call -> assertThat(call.path()).isEqualTo("/v24.0/" + GraphFixture.PAGE + "/pass_thread_control"));
    }
}
