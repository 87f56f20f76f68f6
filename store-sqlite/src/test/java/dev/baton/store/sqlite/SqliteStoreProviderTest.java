package dev.baton.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.ConfigException;
import dev.baton.config.PageConfig;
import dev.baton.config.PageConfigLoader;
import dev.baton.event.MessageEvent;
import dev.baton.runtime.Deployment;
import dev.baton.runtime.PluginRegistry;
import dev.baton.spi.AppContext;
import dev.baton.spi.AppPlugin;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.spi.StoreOptions;
import dev.baton.store.StoreProviders;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestEvents;
import dev.baton.webhook.WebhookSignature;
import dev.baton.webhook.WebhookWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreProviderTest {

    private static final String YAML = """
            page: { id: "100", platform: messenger }
            dataDir: "DATA"
            store: STORE
            apps:
              - { name: shop, plugin: recorder, appId: "111", role: default, secret: s3cret, accessToken: token,
                  verifyToken: verify }
            """;

    @TempDir
    Path dir;

    private final List<String> seen = new CopyOnWriteArrayList<>();

    private PageConfig config(String store) {
        String yaml = YAML.replace("DATA", dir.resolve("data").toString().replace("\\", "/")).replace("STORE", store);
        return new PageConfigLoader(Map.of()).parse(yaml, PageConfigLoader.Format.YAML);
    }

    private Deployment deployment(PageConfig config) {
        ConversationApp app = new ConversationApp() {
            @Override
            public void onMessage(MessageEvent event, Conversation conversation) {
                seen.add(event.message().mid());
            }
        };
        AppPlugin recorder = new AppPlugin() {
            @Override
            public String name() {
                return "recorder";
            }

            @Override
            public ConversationApp create(AppContext context) {
                return app;
            }
        };
        return Deployment.builder(config).plugins(PluginRegistry.of(recorder))
                .outbound(hosted -> new RecordingOutbound()).registry(new SimpleMeterRegistry()).build();
    }

    @Test
    void theDefaultStoreIsFoundOnTheClassPathBesideTheMemoryStore() {
        assertThat(StoreProviders.discover().types()).containsExactly("memory", "sqlite");
        assertThat(StoreProviders.discover().provider("sqlite")).isInstanceOf(SqliteStoreProvider.class);
    }

    @Test
    void aDeploymentOpensTheFileUnderTheDataDirectoryAndClosesIt() {
        PageConfig config = config("{ retention: 3h, dedupeCapacity: 42 }");
        assertThat(config.store().type()).as("the default").isEqualTo("sqlite");
        for (int round = 1; round <= 2; round++) {
            try (Deployment deployment = deployment(config)) {
                deployment.start();
                byte[] body = new WebhookWriter().write(TestEvents.batch(
                        TestEvents.message("100", "alice", "m" + round, "hi", 1_000)));
                assertThat(deployment.ingest().receive("shop", WebhookSignature.sha256Header(body, "s3cret"), body)
                        .status()).isEqualTo(200);
                assertThat(deployment.drain(Duration.ofSeconds(30))).isTrue();
            }
        }
        assertThat(dir.resolve("data").resolve("baton.db")).exists();
        assertThat(seen).containsExactly("m1", "m2");
    }

    @Test
    void aPathInTheBlockIsUsed() {
        Path file = dir.resolve("elsewhere").resolve("page.db");
        try (Deployment deployment = deployment(config("{ type: sqlite, path: \"" + file.toString().replace("\\", "/") + "\" }"))) {
            deployment.start();
        }
        assertThat(file).exists();
        assertThat(dir.resolve("data").resolve("baton.db")).doesNotExist();
    }

    @Test
    void theBlockSetsTheSettingsAndTheRestStayDefault() {
        var settings = SqliteStoreProvider.settings(StoreOptions.NONE.with("retention", "3h").with("dedupeCapacity", 42)
                .with("maxDatabaseBytes", "1048576").with("writerQueueCapacity", 16).with("path", "x.db"));
        var defaults = SqliteStores.Settings.defaults();
        assertThat(settings.retention()).isEqualTo(Duration.ofHours(3));
        assertThat(settings.dedupeCapacity()).isEqualTo(42);
        assertThat(settings.maxDatabaseBytes()).isEqualTo(1_048_576L);
        assertThat(settings.writerQueueCapacity()).isEqualTo(16);
        assertThat(settings.cacheCapacity()).isEqualTo(defaults.cacheCapacity());
        assertThat(settings.maintenanceInterval()).isEqualTo(defaults.maintenanceInterval());
    }

    @Test
    void badKeysStopStartUpNamedAndNothingIsOpened() {
        assertThatThrownBy(() -> deployment(config("{ retension: 3h }"))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("store.retension: unknown key (this store knows [cacheCapacity, dedupeCapacity,");
        assertThatThrownBy(() -> deployment(config("{ dedupeCapacity: 0 }")))
                .hasMessage("store.dedupeCapacity: must be positive");
        assertThatThrownBy(() -> deployment(config("{ retention: soon }")))
                .hasMessage("store.retention: wrong type or format (not a duration: use 250ms, 5s, 2m, 1h, 7d or PT5S)");
        assertThatThrownBy(() -> deployment(config("{ cacheCapacity: lots }")))
                .hasMessage("store.cacheCapacity: wrong type or format (expected a whole number)");
        assertThatThrownBy(() -> deployment(config("{ maintenanceInterval: 0s }")))
                .hasMessage("store.maintenanceInterval: must be positive");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void nonsenseIsRefusedWithTheNameOfTheSetting() {
        var defaults = SqliteStores.Settings.defaults();
        assertThatThrownBy(() -> defaults.withDedupeCapacity(0)).hasMessageContaining("dedupeCapacity");
        assertThatThrownBy(() -> defaults.withRetention(Duration.ofSeconds(-1))).hasMessageContaining("retention");
        assertThatThrownBy(() -> defaults.withMaintenanceInterval(Duration.ZERO))
                .hasMessageContaining("maintenanceInterval");
        assertThatThrownBy(() -> defaults.withMaxDatabaseBytes(-1)).hasMessageContaining("maxDatabaseBytes");
    }
}
