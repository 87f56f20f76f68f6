package dev.baton.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.PageConfig;
import dev.baton.config.PageConfigLoader;
import dev.baton.dispatch.Outbound;
import dev.baton.event.ConversationKey;
import dev.baton.graph.error.MetaError;
import dev.baton.graph.error.NotThreadOwnerException;
import dev.baton.spi.HostedHandover.Outcome;
import dev.baton.send.SendRequest;
import dev.baton.send.SendResponse;
import dev.baton.spi.AppRole;
import dev.baton.spi.HostedApp;
import dev.baton.spi.HostedHandover;
import dev.baton.spi.ThreadOwnership;
import dev.baton.spi.ThreadOwnership.Source;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestingConversation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-house handover: what it does for the bridge, and everything it refuses. */
class HostedHandoverTest {

    static final ConversationKey KEY = new ConversationKey("100", "alice");
    static final HostedApp DEFAULT = new HostedApp("default", "222", AppRole.DEFAULT);
    static final HostedApp BRIDGE = new HostedApp("inbox-bridge", "333", AppRole.INBOX);
    static final String WHY = "{\"baton\":\"reclaim\",\"reason\":\"human_agent_reply\"}";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final RecordingOutbound defaultOutbound = new RecordingOutbound();
    final TestingConversation bridgeConversation = new TestingConversation().setKey(KEY).setAppId(BRIDGE.appId());

    HostedHandover handover(HostedApp requester) {
        return new DeploymentHostedHandover("100", requester, DEFAULT, defaultOutbound, registry);
    }

    double count(String outcome) {
        return registry.counter("baton.runtime.hosted_handovers", "app", "inbox-bridge", "outcome", outcome).count();
    }

    void defaultOwns() {
        defaultOutbound.setOwner(KEY, new ThreadOwnership(DEFAULT.appId(), null, null, Source.GRAPH_LOOKUP));
    }

    @Test
    void theHostedDefaultAppPassesTheThreadToTheRequesterWithItsMetadata() {
        defaultOwns();

        HostedHandover.Result result = handover(BRIDGE).reclaimFromDefault(bridgeConversation, WHY);

        assertThat(result.outcome()).isEqualTo(Outcome.RECLAIMED);
        assertThat(result.owns()).isTrue();
        assertThat(defaultOutbound.passes()).containsExactly(new RecordingOutbound.Passed(KEY, BRIDGE.appId(), WHY));
        assertThat(count("reclaimed")).isEqualTo(1.0);
    }

    @Test
    void nothingIsPassedWhenTheRequesterOwnsAlready() {
        defaultOutbound.setOwner(KEY, new ThreadOwnership(BRIDGE.appId(), null, null, Source.HANDOVER_EVENT));

        HostedHandover.Result result = handover(BRIDGE).reclaimFromDefault(bridgeConversation, WHY);

        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_OWNER);
        assertThat(result.owns()).isTrue();
        assertThat(defaultOutbound.passes()).isEmpty();
    }

    @Test
    void aThreadTheInboxOrAnOutsideAppOwnsIsNeverTaken() {
        defaultOutbound.setOwner(KEY, new ThreadOwnership("263902037430900", null, null, Source.HANDOVER_EVENT));
        HostedHandover.Result inbox = handover(BRIDGE).reclaimFromDefault(bridgeConversation, WHY);
        defaultOutbound.setOwner(KEY, ThreadOwnership.UNKNOWN);
        HostedHandover.Result unknown = handover(BRIDGE).reclaimFromDefault(bridgeConversation, WHY);

        assertThat(inbox.outcome()).isEqualTo(Outcome.OWNED_ELSEWHERE);
        assertThat(inbox.owns()).isFalse();
        assertThat(inbox.detail()).contains("app 263902037430900").contains("not by the default app 'default'");
        assertThat(unknown.outcome()).isEqualTo(Outcome.OWNED_ELSEWHERE);
        assertThat(defaultOutbound.passes()).isEmpty();
        assertThat(count("owned_elsewhere")).isEqualTo(2.0);
    }

    @Test
    void metaSayingTheDefaultAppIsNotTheOwnerIsARefusalNotAFailure() {
        Outbound refusing = new Outbound() {
            @Override
            public SendResponse send(ConversationKey conversation, SendRequest request) {
                throw new AssertionError("never sends");
            }

            @Override
            public void pass(ConversationKey conversation, String targetAppId, String metadata) {
                throw new NotThreadOwnerException("pass_thread_control", new MetaError(400,
                        "(#100) The action is invalid since it's not the thread owner.", "OAuthException", 100, 2534037,
                        "trace", null, null));
            }

            @Override
            public void release(ConversationKey conversation, String metadata) {
                throw new AssertionError("never releases");
            }

            @Override
            public ThreadOwnership owner(ConversationKey conversation) {
                return new ThreadOwnership(DEFAULT.appId(), null, null, Source.MESSAGING_EVENT);
            }
        };

        HostedHandover.Result result = new DeploymentHostedHandover("100", BRIDGE, DEFAULT, refusing, registry)
                .reclaimFromDefault(bridgeConversation, WHY);

        assertThat(result.outcome()).isEqualTo(Outcome.OWNED_ELSEWHERE);
        assertThat(result.detail()).contains("Meta says");
    }

    @Test
    void onlyAnInboxRoleAppOtherThanTheDefaultAppMayUseIt() {
        defaultOwns();
        HostedApp marketing = new HostedApp("inbox-bridge", "444", AppRole.MARKETING);
        HostedHandover.Result notInbox = handover(marketing).reclaimFromDefault(
                new TestingConversation().setKey(KEY).setAppId("444"), WHY);
        HostedApp inboxAsDefault = new HostedApp("inbox-bridge", "222", AppRole.INBOX);
        HostedHandover.Result itself = handover(inboxAsDefault).reclaimFromDefault(
                new TestingConversation().setKey(KEY).setAppId("222"), WHY);

        assertThat(notInbox.outcome()).isEqualTo(Outcome.NOT_PERMITTED);
        assertThat(itself.outcome()).isEqualTo(Outcome.NOT_PERMITTED);
        assertThat(defaultOutbound.calls()).as("not even asked who owns").isEmpty();
    }

    @Test
    void aDefaultAppNotHostedHereIsNeverActedFor() {
        HostedHandover.Result result = new DeploymentHostedHandover("100", BRIDGE, null, null, registry)
                .reclaimFromDefault(bridgeConversation, WHY);

        assertThat(result.outcome()).isEqualTo(Outcome.DEFAULT_NOT_HOSTED);
        assertThat(count("default_not_hosted")).isEqualTo(1.0);
    }

    @Test
    void anotherAppsConversationAnotherPageOrNoReasonAreProgrammingErrors() {
        defaultOwns();
        HostedHandover handover = handover(BRIDGE);

        assertThatThrownBy(() -> handover.reclaimFromDefault(new TestingConversation().setKey(KEY)
                .setAppId(DEFAULT.appId()), WHY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acts only for app 'inbox-bridge'");
        assertThatThrownBy(() -> handover.reclaimFromDefault(new TestingConversation()
                .setKey(new ConversationKey("999", "alice")).setAppId(BRIDGE.appId()), WHY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Page 999");
        assertThatThrownBy(() -> handover.reclaimFromDefault(bridgeConversation, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must say why");
        assertThatThrownBy(() -> handover.reclaimFromDefault(bridgeConversation, "x".repeat(1001)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(defaultOutbound.calls()).isEmpty();
    }

    @Test
    void theDeploymentGivesEachAppOneBoundToItselfAndToTheHostedDefaultApp() {
        PageConfig config = new PageConfigLoader(Map.of()).parse("""
                page: { id: "100", platform: messenger }
                store: { type: memory }
                apps:
                  - { name: default, plugin: greeter, appId: "222", role: default, secret: "s-default-000",
                      accessToken: "t-default", verifyToken: "v-default" }
                  - { name: inbox-bridge, plugin: greeter, appId: "333", role: inbox, secret: "s-bridge-0000",
                      accessToken: "t-bridge", verifyToken: "v-bridge" }
                """, PageConfigLoader.Format.YAML);
        DeploymentTest.RecordingOutbounds outbounds = new DeploymentTest.RecordingOutbounds();
        try (Deployment deployment = Deployment.builder(config).outbound(outbounds).registry(registry).build()) {
            GreeterPlugin.GreeterApp bridge = (GreeterPlugin.GreeterApp) deployment.app("inbox-bridge").orElseThrow();
            GreeterPlugin.GreeterApp defaultApp = (GreeterPlugin.GreeterApp) deployment.app("default").orElseThrow();
            outbounds.byApp.get("default").setOwner(KEY, new ThreadOwnership("222", null, null, Source.GRAPH_LOOKUP));

            HostedHandover.Result result = bridge.context.hostedHandover().reclaimFromDefault(bridgeConversation, WHY);
            HostedHandover.Result byDefault = defaultApp.context.hostedHandover().reclaimFromDefault(
                    new TestingConversation().setKey(KEY).setAppId("222"), WHY);

            assertThat(result.outcome()).isEqualTo(Outcome.RECLAIMED);
            assertThat(outbounds.byApp.get("default").passes()).containsExactly(
                    new RecordingOutbound.Passed(KEY, "333", WHY));
            assertThat(outbounds.byApp.get("inbox-bridge").passes()).isEmpty();
            assertThat(byDefault.outcome()).isEqualTo(Outcome.NOT_PERMITTED);
        }
    }
}
