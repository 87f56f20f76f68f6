package dev.baton.defaultapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Module;
import dev.baton.config.ConfigException;
import dev.baton.config.PageConfig;
import dev.baton.config.PageConfigLoader;
import dev.baton.dispatch.Outbound;
import dev.baton.dispatch.OutboundFactory;
import dev.baton.runtime.GuiceAppPlugin;
import dev.baton.runtime.Deployment;
import dev.baton.runtime.PluginRegistry;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;
import dev.baton.spi.ThreadOwnership;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestEvents;
import dev.baton.webhook.WebhookSignature;
import dev.baton.webhook.WebhookWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The plugin as the runtime loads it: ServiceLoader, strict settings, the bridge found by role, extensions. */
class DefaultAppPluginTest {

    static final Map<String, String> ENV = Map.of("SECRET", "default-secret", "TOKEN", "t", "VERIFY", "v");

    static final String PAGE = """
            page: { id: "100", platform: messenger }
            store: { type: memory }
            apps:
              - { name: default, plugin: default, appId: "222", role: default, secret: "${SECRET}",
                  accessToken: "${TOKEN}", verifyToken: "${VERIFY}", settings: SETTINGS }
              - { name: humans, plugin: quiet, appId: "333", role: inbox, secret: "${SECRET}",
                  accessToken: "${TOKEN}", verifyToken: "${VERIFY}" }
            """;

    /** Stands in for the inbox bridge, which this module does not depend on. */
    static final GuiceAppPlugin QUIET = new GuiceAppPlugin() {
        @Override
        public String name() {
            return "quiet";
        }

        @Override
        public Module module(dev.baton.runtime.DeploymentAppContext context) {
            return GuiceAppPlugin.instance(new ConversationApp() {});
        }
    };

    /** Every app believes it owns every thread, and records what it does. */
    static final class Outbounds implements OutboundFactory {
        final Map<String, RecordingOutbound> byApp = new ConcurrentHashMap<>();

        @Override
        public Outbound forApp(HostedApp app) {
            return byApp.computeIfAbsent(app.name(), name -> new RecordingOutbound().setDefaultOwner(
                    new ThreadOwnership(app.appId(), null, null, ThreadOwnership.Source.MESSAGING_EVENT)));
        }
    }

    static PageConfig config(String settings, String page) {
        return new PageConfigLoader(ENV).parse(page.replace("SETTINGS", settings), PageConfigLoader.Format.YAML);
    }

    static void deliver(Deployment deployment, String mid, String text) {
        byte[] body = new WebhookWriter().write(TestEvents.batch(TestEvents.message("100", "alice", mid, text, 1_000)));
        assertThat(deployment.ingest().receive("default", WebhookSignature.sha256Header(body, "default-secret"), body)
                .status()).isEqualTo(200);
    }

    @Test
    void theServiceLoaderFindsThePluginByName() {
        assertThat(PluginRegistry.discover().names()).contains("default");
    }

    @Test
    void escalationPassesToTheHostedAppWithTheInboxRole() {
        Outbounds outbounds = new Outbounds();
        try (Deployment deployment = Deployment.builder(config("{}", PAGE)).outbound(outbounds)
                .plugins(PluginRegistry.of(new DefaultAppPlugin(), QUIET)).registry(new SimpleMeterRegistry())
                .build()) {
            deployment.start();
            deliver(deployment, "m1", "I want an agent");
            assertThat(deployment.drain(Duration.ofSeconds(10))).isTrue();

            RecordingOutbound calls = outbounds.byApp.get("default");
            assertThat(calls.sentTexts()).containsExactly("Connecting you with a person. They will answer here.");
            assertThat(calls.passes()).singleElement().satisfies(pass -> {
                assertThat(pass.targetAppId()).isEqualTo("333");
                assertThat(pass.metadata()).contains("\"reason\":\"keyword\"");
            });
        }
    }

    @Test
    void aTeamsHandlerJoinsTheChainThroughTheMultibinder() {
        Module extension = binder -> TurnHandlers.bind(binder).addBinding().toInstance((turn, conversation) -> {
            conversation.reply("handled by the team: " + turn.text());
            return true;
        });
        Outbounds outbounds = new Outbounds();
        try (Deployment deployment = Deployment.builder(config("{}", PAGE)).outbound(outbounds)
                .plugins(PluginRegistry.of(new DefaultAppPlugin(List.of(extension)), QUIET))
                .registry(new SimpleMeterRegistry()).build()) {
            deployment.start();
            deliver(deployment, "m1", "order A-1");
            assertThat(deployment.drain(Duration.ofSeconds(10))).isTrue();

            assertThat(outbounds.byApp.get("default").sentTexts()).containsExactly("handled by the team: order A-1");
        }
    }

    @Test
    void settingsProblemsStopStartUpNamingTheKey() {
        String alone = PAGE.substring(0, PAGE.indexOf("  - { name: humans"));
        assertThatThrownBy(() -> Deployment.builder(config("{}", alone)).outbound(new Outbounds())
                .plugins(PluginRegistry.of(new DefaultAppPlugin())).registry(new SimpleMeterRegistry()).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("apps[default].settings.escalation.target");
        assertThatThrownBy(() -> Deployment.builder(config("{ greting: { text: hi } }", PAGE)).outbound(new Outbounds())
                .plugins(PluginRegistry.of(new DefaultAppPlugin(), QUIET)).registry(new SimpleMeterRegistry()).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("greting");
        assertThatThrownBy(() -> Deployment.builder(config("{ escalation: { appName: nobody } }", PAGE))
                .outbound(new Outbounds()).plugins(PluginRegistry.of(new DefaultAppPlugin(), QUIET))
                .registry(new SimpleMeterRegistry()).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("escalation.appName");

        try (Deployment direct = Deployment.builder(config("{ escalation: { target: page-inbox } }", alone))
                .outbound(new Outbounds()).plugins(PluginRegistry.of(new DefaultAppPlugin()))
                .registry(new SimpleMeterRegistry()).build()) {
            assertThat(direct.app("default")).containsInstanceOf(DefaultApp.class);
        }
    }
}
