package dev.baton.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.ConfigException;
import dev.baton.config.PageConfig;
import dev.baton.config.PageConfigLoader;
import dev.baton.dispatch.Outbound;
import dev.baton.dispatch.OutboundFactory;
import dev.baton.event.ConversationKey;
import dev.baton.event.Platform;
import dev.baton.server.WebhookAnswer;
import dev.baton.spi.AppRole;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.HostedApp;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestEvents;
import dev.baton.webhook.WebhookSignature;
import dev.baton.webhook.WebhookWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentTest {

    private static final Map<String, String> ENV = Map.of("SECRET_A", "secret-a", "SECRET_B", "secret-b",
            "TOKEN", "page-token", "VERIFY_A", "verify-a", "VERIFY_B", "verify-b");

    private static final String TWO_GREETERS = """
            page: { id: "100", platform: messenger }
            store: { type: memory }
            dispatch: { workers: 2 }
            apps:
              - { name: spring-sale, plugin: greeter, appId: "111", role: marketing, secret: "${SECRET_A}",
                  accessToken: "${TOKEN}", verifyToken: "${VERIFY_A}", settings: { greeting: "Spring!" } }
              - { name: autumn-sale, plugin: greeter, appId: "222", role: marketing, secret: "${SECRET_B}",
                  accessToken: "${TOKEN}", verifyToken: "${VERIFY_B}", settings: { greeting: "Autumn!", repeat: 2 } }
            """;

    /** One RecordingOutbound per hosted app, kept for the test to read. */
    static final class RecordingOutbounds implements OutboundFactory {
        final Map<String, RecordingOutbound> byApp = new ConcurrentHashMap<>();

        @Override
        public Outbound forApp(HostedApp app) {
            return byApp.computeIfAbsent(app.name(), name -> new RecordingOutbound());
        }
    }

    private static PageConfig config(String yaml) {
        return new PageConfigLoader(ENV).parse(yaml, PageConfigLoader.Format.YAML);
    }

    private static byte[] messageBody(String mid) {
        return new WebhookWriter().write(TestEvents.batch(TestEvents.message("100", "alice", mid, "hi", 1_000)));
    }

    @Test
    void twoInstancesOfOnePluginLiveSideBySideWithTheirOwnSettingsAndIds() {
        RecordingOutbounds outbounds = new RecordingOutbounds();
        try (Deployment deployment = Deployment.builder(config(TWO_GREETERS)).outbound(outbounds)
                .registry(new SimpleMeterRegistry()).build()) {
            assertThat(deployment.ready()).isFalse();
            deployment.start();
            assertThat(deployment.ready()).isTrue();

            ConversationApp spring = deployment.app("spring-sale").orElseThrow();
            ConversationApp autumn = deployment.app("autumn-sale").orElseThrow();
            assertThat(spring).isNotSameAs(autumn); // @Singleton in each instance's own injector
            assertThat(((GreeterPlugin.GreeterApp) spring).context.app().appId()).isEqualTo("111");
            assertThat(((GreeterPlugin.GreeterApp) autumn).context.hostedApps()).extracting(HostedApp::name)
                    .containsExactly("spring-sale", "autumn-sale");

            byte[] body = messageBody("m1");
            WebhookAnswer toSpring = deployment.ingest().receive("spring-sale",
                    WebhookSignature.sha256Header(body, "secret-a"), body);
            WebhookAnswer toAutumn = deployment.ingest().receive("autumn-sale",
                    WebhookSignature.sha256Header(body, "secret-b"), body);
            // Each endpoint checks with its own app's secret.
            WebhookAnswer crossed = deployment.ingest().receive("autumn-sale",
                    WebhookSignature.sha256Header(body, "secret-a"), body);
            assertThat(toSpring.status()).isEqualTo(200);
            assertThat(toAutumn.status()).isEqualTo(200);
            assertThat(crossed.status()).isEqualTo(403);
            assertThat(deployment.ingest().verifySubscription("autumn-sale", "subscribe", "verify-b", "42").message())
                    .isEqualTo("42");

            assertThat(deployment.drain(Duration.ofSeconds(10))).isTrue();
            assertThat(deployment.ready()).isFalse();
            assertThat(outbounds.byApp.get("spring-sale").sentTexts()).containsExactly("Spring! from 111");
            assertThat(outbounds.byApp.get("autumn-sale").sentTexts())
                    .containsExactly("Autumn! from 222", "Autumn! from 222");
        }
    }

    @Test
    void aConfiguredPluginMissingFromTheClassPathIsNamed() {
        String yaml = TWO_GREETERS.replace("plugin: greeter, appId: \"222\"", "plugin: greeting, appId: \"222\"");
        assertThatThrownBy(() -> Deployment.builder(config(yaml)).outbound(new RecordingOutbounds())
                .registry(new SimpleMeterRegistry()).build())
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("app 'autumn-sale' uses plugin 'greeting', which is not on the class path")
                .hasMessageContaining("greeter");
    }

    @Test
    void twoPluginsWithOneNameStopLoading() {
        GuiceAppPlugin impostor = new GuiceAppPlugin() {
            @Override
            public String name() {
                return "greeter";
            }

            @Override
            public com.google.inject.Module module(DeploymentAppContext context) {
                return GuiceAppPlugin.instance(new ConversationApp() { });
            }
        };
        assertThatThrownBy(() -> PluginRegistry.of(new GreeterPlugin(), impostor))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("two plugins are named 'greeter'")
                .hasMessageContaining(GreeterPlugin.class.getName());
    }

    @Test
    void pluginNamesMustBeLowerCaseWords() {
        GuiceAppPlugin badName = new GuiceAppPlugin() {
            @Override
            public String name() {
                return "Greeter";
            }

            @Override
            public com.google.inject.Module module(DeploymentAppContext context) {
                return GuiceAppPlugin.instance(new ConversationApp() { });
            }
        };
        assertThatThrownBy(() -> PluginRegistry.of(badName)).isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("[a-z][a-z0-9-]*");
    }

    @Test
    void discoversPluginsThroughServiceLoader() {
        assertThat(PluginRegistry.discover().names()).contains("greeter", "unbound");
    }

    @Test
    void aModuleThatDoesNotBindTheAppIsNamed() {
        String yaml = TWO_GREETERS.replace("plugin: greeter, appId: \"111\"", "plugin: unbound, appId: \"111\"");
        assertThatThrownBy(() -> Deployment.builder(config(yaml)).outbound(new RecordingOutbounds())
                .registry(new SimpleMeterRegistry()).build())
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("app 'spring-sale' (plugin 'unbound'): its module does not bind "
                        + ConversationApp.class.getName());
    }

    @Test
    void unknownSettingsKeysAreNamed() {
        String yaml = TWO_GREETERS.replace("greeting: \"Spring!\"", "greeting: \"Spring!\", colour: red");
        assertThatThrownBy(() -> Deployment.builder(config(yaml)).outbound(new RecordingOutbounds())
                .registry(new SimpleMeterRegistry()).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("apps[spring-sale].settings.colour: unknown key");
    }

    @Test
    void aMissingSecretStopsLoadingAndIsNamed() {
        assertThatThrownBy(() -> config(TWO_GREETERS.replace("secret: \"${SECRET_B}\",", "")))
                .isInstanceOf(ConfigException.class).hasMessage("apps[1].secret: missing");
        assertThatThrownBy(() -> new PageConfigLoader(Map.of("SECRET_A", "a", "TOKEN", "t", "VERIFY_A", "v",
                "VERIFY_B", "w")).parse(TWO_GREETERS, PageConfigLoader.Format.YAML))
                .isInstanceOf(ConfigException.class)
                .hasMessage("apps[1].secret: environment variable SECRET_B is not set");
    }

    @Test
    void triggersAndTheDefaultAppIdReachTheApps() {
        String yaml = TWO_GREETERS.replace("page: { id: \"100\", platform: messenger }",
                "page: { id: \"100\", platform: instagram, defaultAppId: \"999\" }");
        RecordingOutbounds outbounds = new RecordingOutbounds();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Deployment deployment = Deployment.builder(config(yaml)).outbound(outbounds)
                .registry(registry).build()) {
            GreeterPlugin.GreeterApp spring = (GreeterPlugin.GreeterApp) deployment.app("spring-sale").orElseThrow();
            assertThat(spring.context.defaultAppId()).contains("999");
            assertThat(spring.context.platform()).isEqualTo(Platform.INSTAGRAM);
            assertThat(spring.context.hostedApp(AppRole.MARKETING).map(HostedApp::name)).contains("spring-sale");
            // Fired before start: kept, and run once the deployment started (after any replay).
            spring.context.trigger().fire(new ConversationKey("100", "alice"), "nudge");
            deployment.start();
            assertThat(deployment.dispatcher().awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(deployment.dispatcher().pendingTimers()).isZero();
            deployment.trigger("autumn-sale").fire(new ConversationKey("100", "bob"), "nudge");
            assertThat(deployment.dispatcher().awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(deployment.dispatcher().pendingTimers()).isZero();
            assertThat(registry.counter("baton.dispatch.timers.fired", "app", "spring-sale").count()).isEqualTo(1.0);
            assertThat(registry.counter("baton.dispatch.timers.fired", "app", "autumn-sale").count()).isEqualTo(1.0);
        }
    }

    @Test
    void theGraphOutboundRegistersOwnershipTrackingWithTheDispatcher() {
        String yaml = TWO_GREETERS.replace("dispatch: { workers: 2 }",
                "dispatch: { workers: 2 }\ngraph: { baseUrl: \"http://127.0.0.1:9\", threadControl: send-api, maxRetries: 0 }")
                .replace("settings: { greeting: \"Spring!\" }", "settings: { greeting: \"Spring!\", repeat: 0 }");
        dev.baton.store.memory.InMemoryConversationStore store = new dev.baton.store.memory.InMemoryConversationStore();
        GraphOutboundSetup graph = new GraphOutboundSetup();
        try (Deployment deployment = Deployment.builder(config(yaml)).outbound(graph)
                .stores(new dev.baton.store.memory.InMemoryEventJournal(), store)
                .registry(new SimpleMeterRegistry()).build()) {
            assertThat(graph.factory()).isNotNull();
            deployment.start();
            byte[] body = messageBody("m1");
            assertThat(deployment.ingest().receive("spring-sale", WebhookSignature.sha256Header(body, "secret-a"),
                    body).status()).isEqualTo(200);
            assertThat(deployment.drain(Duration.ofSeconds(10))).isTrue();
            // A messaging[] event for spring-sale: the tracker (a dispatch listener) now says it owns the thread.
            assertThat(store.ownership(new ConversationKey("100", "alice")))
                    .hasValueSatisfying(owner -> assertThat(owner.ownerAppId()).isEqualTo("111"));
        }
    }

    @Test
    void theStoreTypeIsResolvedOnTheClassPathAndAMissingModuleIsNamed(@TempDir Path dir) {
        // core's own test class path is a Page jar without baton-store-sqlite: only the memory plugin is found
        assertThat(dev.baton.store.StoreProviders.discover().types()).containsExactly("memory");
        RecordingOutbounds outbounds = new RecordingOutbounds();
        try (Deployment deployment = Deployment.builder(config(TWO_GREETERS)).outbound(outbounds)
                .registry(new SimpleMeterRegistry()).build()) {
            deployment.start();
            byte[] body = messageBody("m1");
            assertThat(deployment.ingest().receive("spring-sale", WebhookSignature.sha256Header(body, "secret-a"),
                    body).status()).isEqualTo(200);
            assertThat(deployment.drain(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(outbounds.byApp.get("spring-sale").sentTexts()).hasSize(1);

        String yaml = TWO_GREETERS.replace("store: { type: memory }", "store: { type: sqlite }")
                .replace("dispatch:", "dataDir: \"" + dir.resolve("data").toString().replace("\\", "/") + "\"\ndispatch:");
        PageConfig sqlite = config(yaml);
        assertThat(sqlite.store().type()).isEqualTo("sqlite");
        assertThatThrownBy(() -> Deployment.builder(sqlite).outbound(outbounds).registry(new SimpleMeterRegistry()).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("store.type: 'sqlite': its module dev.baton:baton-store-sqlite is not on the class path; "
                        + "add it to the Page jar's dependencies (available: [memory])");
        assertThat(dir.resolve("data")).as("nothing was opened").doesNotExist();
    }

    @Test
    void theStorePluginChecksItsOwnKeys() {
        String yaml = TWO_GREETERS.replace("store: { type: memory }", "store: { type: memory, dedupeCapacty: 5 }");
        assertThatThrownBy(() -> Deployment.builder(config(yaml)).outbound(new RecordingOutbounds())
                .registry(new SimpleMeterRegistry()).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("store.dedupeCapacty: unknown key (this store knows [dedupeCapacity])");
        String zero = TWO_GREETERS.replace("store: { type: memory }", "store: { type: memory, dedupeCapacity: 0 }");
        assertThatThrownBy(() -> Deployment.builder(config(zero)).outbound(new RecordingOutbounds())
                .registry(new SimpleMeterRegistry()).build())
                .hasMessage("store.dedupeCapacity: must be at least 1");
    }

    @Test
    void aTestCanRestrictTheStorePlugins() {
        dev.baton.store.StoreProviders none = dev.baton.store.StoreProviders.of(List.of());
        assertThatThrownBy(() -> Deployment.builder(config(TWO_GREETERS)).outbound(new RecordingOutbounds())
                .storeProviders(none).registry(new SimpleMeterRegistry()).build())
                .hasMessage("store.type: 'memory': no store plugin of that type is on the class path; "
                        + "add the module that provides it (available: [])");
        var memory = new dev.baton.store.memory.MemoryStoreProvider();
        assertThatThrownBy(() -> dev.baton.store.StoreProviders.of(List.of(memory, memory)))
                .hasMessageContaining("two store plugins answer to store.type 'memory'");
    }
}
