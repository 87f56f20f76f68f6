package dev.baton.inboxbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.ConfigException;
import dev.baton.config.PageConfig;
import dev.baton.config.PageConfigLoader;
import dev.baton.runtime.Deployment;
import dev.baton.runtime.PluginRegistry;
import dev.baton.spi.AppEndpointRequest;
import dev.baton.testing.RecordingOutbound;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plugin as the runtime loads it: ServiceLoader, strict settings, secrets from the environment, endpoint. */
class InboxBridgePluginTest {

    static final Map<String, String> ENV = Map.of("SECRET", "app-secret", "TOKEN", "t", "VERIFY", "v",
            "HELPDESK_SIGNING_SECRET", "helpdesk-signing-secret-0123");

    static PageConfig config(String settings) {
        return new PageConfigLoader(ENV).parse("""
                page: { id: "100", platform: messenger }
                store: { type: memory }
                apps:
                  - { name: inbox-bridge, plugin: inbox-bridge, appId: "333", role: inbox, secret: "${SECRET}",
                      accessToken: "${TOKEN}", verifyToken: "${VERIFY}", settings: SETTINGS }
                """.replace("SETTINGS", settings), PageConfigLoader.Format.YAML);
    }

    static Deployment deploy(String settings) {
        return Deployment.builder(config(settings)).outbound(app -> new RecordingOutbound())
                .registry(new SimpleMeterRegistry()).build();
    }

    @Test
    void theServiceLoaderFindsThePluginAndTheHelpdeskEndpointIsServed() {
        assertThat(PluginRegistry.discover().names()).contains("inbox-bridge");
        try (Deployment deployment = deploy("{ mode: helpdesk, helpdesk: { connector: memory, "
                + "signingSecret: \"${HELPDESK_SIGNING_SECRET}\" } }")) {
            deployment.start();
            var endpoint = deployment.appEndpoint("inbox-bridge").orElseThrow();
            var answer = endpoint.handle(new AppEndpointRequest("POST", "/helpdesk", Map.of(), "{}".getBytes()),
                    deployment.trigger("inbox-bridge"));
            assertThat(answer.status()).isEqualTo(401);
        }
    }

    @Test
    void metaInboxModeNeedsNoSettings() {
        try (Deployment deployment = deploy("{}")) {
            assertThat(deployment.app("inbox-bridge")).containsInstanceOf(InboxBridgeApp.class);
        }
    }

    @Test
    void settingsProblemsStopStartUpNamingTheKeyAndNeverTheSecret() {
        assertThatThrownBy(() -> deploy("{ mode: helpdesk, helpdesk: { connector: memory, "
                + "signingSecret: \"${HELPDESK_SIGNING_SECRET}\", webhok: y } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("webhok");
        assertThatThrownBy(() -> deploy("{ mode: helpdesk, helpdesk: { webhookUrl: \"https://h.example\", "
                + "signingSecret: \"${HELPDESK_SIGNING_SECRET}\", timeout: forever } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("helpdesk.timeout")
                .hasMessageNotContaining("helpdesk-signing-secret-0123");
    }
}
