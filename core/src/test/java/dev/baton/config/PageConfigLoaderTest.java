package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.event.Platform;
import dev.baton.spi.AppRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageConfigLoaderTest {

    private static final Map<String, String> ENV = Map.of(
            "MARKETING_APP_SECRET", "s3cret-marketing",
            "PAGE_ACCESS_TOKEN", "EAAtoken-xyz",
            "MARKETING_VERIFY_TOKEN", "verify-me",
            "DEFAULT_APP_SECRET", "s3cret-default",
            "KEYSTORE_PASSWORD", "ks-pass");

    static final String YAML = """
            page: { id: "1234567890", platform: messenger }
            dataDir: /var/baton
            graph: { baseUrl: "http://127.0.0.1:9999", threadControl: handover-protocol, requestTimeout: 12s }
            server: { port: 9090, requestTimeout: 5s, drainPeriod: 2s, warmup: 10s, tls: { keystore: /etc/ks.p12, keystorePassword: "${KEYSTORE_PASSWORD}" } }
            store: { type: memory, dedupeCapacity: 500 }
            dispatch: { workers: 3 }
            apps:
              - name: marketing
                plugin: marketing
                appId: 111
                role: marketing
                secret: ${MARKETING_APP_SECRET}
                accessToken: ${PAGE_ACCESS_TOKEN}
                verifyToken: ${MARKETING_VERIFY_TOKEN}
                settings: { campaigns: [ { adId: "42" } ], handoffAfter: 30m }
              - { name: default, plugin: default, appId: "222", role: DEFAULT, secret: "${DEFAULT_APP_SECRET}",
                  accessToken: "${PAGE_ACCESS_TOKEN}", verifyToken: literal-token }
            """;

    private final PageConfigLoader loader = new PageConfigLoader(ENV);

    @Test
    void readsYamlWithSecretsFromTheEnvironmentAndDefaultsForTheRest() {
        PageConfig config = loader.parse(YAML, PageConfigLoader.Format.YAML);

        assertThat(config.page()).isEqualTo(new PageSettings("1234567890", Platform.MESSENGER));
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/baton"));
        assertThat(config.graph().baseUrl()).isEqualTo("http://127.0.0.1:9999");
        assertThat(config.graph().threadControl()).isEqualTo("handover-protocol");
        assertThat(config.graph().requestTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(config.graph().version()).isEqualTo(GraphSettings.DEFAULTS.version());
        assertThat(config.graph().maxRetries()).isEqualTo(GraphSettings.DEFAULTS.maxRetries());
        assertThat(config.server().port()).isEqualTo(9090);
        assertThat(config.server().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.server().maxBodyBytes()).isEqualTo(ServerSettings.DEFAULTS.maxBodyBytes());
        assertThat(config.server().tls().keystorePassword()).isEqualTo("ks-pass");
        assertThat(config.server().drainPeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.server().warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.server().headerTimeout()).isEqualTo(ServerSettings.DEFAULT_HEADER_TIMEOUT);
        assertThat(config.server().minBodyBytesPerSecond()).isEqualTo(ServerSettings.DEFAULT_MIN_BODY_BYTES_PER_SECOND);
        assertThat(config.store().type()).isEqualTo("memory");
        assertThat(config.store().options().values()).as("the plugin's keys, checked by the plugin")
                .containsOnlyKeys("dedupeCapacity");
        assertThat(config.store().options().intValue("dedupeCapacity")).hasValue(500);
        assertThat(config.dispatch().workers()).isEqualTo(3);
        assertThat(config.dispatch().maxQueuedEvents()).isEqualTo(DispatchSettings.DEFAULTS.maxQueuedEvents());
        assertThat(config.dispatch().admissionWait()).isEqualTo(DispatchSettings.DEFAULT_ADMISSION_WAIT);

        AppConfig marketing = config.app("marketing").orElseThrow();
        assertThat(marketing.appId()).isEqualTo("111");
        assertThat(marketing.role()).isEqualTo(AppRole.MARKETING);
        assertThat(marketing.secret()).isEqualTo("s3cret-marketing");
        assertThat(marketing.accessToken()).isEqualTo("EAAtoken-xyz");
        assertThat(marketing.verifyToken()).isEqualTo("verify-me");
        assertThat(marketing.settings().get("handoffAfter").asText()).isEqualTo("30m");
        AppConfig defaultApp = config.app("default").orElseThrow();
        assertThat(defaultApp.role()).isEqualTo(AppRole.DEFAULT);
        assertThat(defaultApp.verifyToken()).isEqualTo("literal-token");
        assertThat(defaultApp.settings().isEmpty()).isTrue();
    }

    @Test
    void readsTheSameConfigFromJson() {
        String json = """
                {"page": {"id": "1234567890", "platform": "instagram"},
                 "dispatch": {"workers": 2, "maxQueuedEvents": 50, "timerInterval": "PT0.2S", "admissionWait": "PT0.5S"},
                 "apps": [{"name": "marketing", "plugin": "marketing", "appId": "111", "role": "marketing",
                           "secret": "${MARKETING_APP_SECRET}", "accessToken": "${PAGE_ACCESS_TOKEN}",
                           "verifyToken": "${MARKETING_VERIFY_TOKEN}"}]}
                """;
        PageConfig config = loader.parse(json, PageConfigLoader.Format.JSON);
        assertThat(config.page().platform()).isEqualTo(Platform.INSTAGRAM);
        assertThat(config.dispatch().maxQueuedEvents()).isEqualTo(50);
        assertThat(config.dispatch().timerInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.dispatch().admissionWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.store().type()).isEqualTo("sqlite");
        assertThat(config.dataDir()).isEqualTo(PageConfig.DEFAULT_DATA_DIR);
        assertThat(config.apps()).singleElement().extracting(AppConfig::secret).isEqualTo("s3cret-marketing");

        assertThatThrownBy(() -> loader.parse(json.replace("\"workers\": 2", "\"workers\": 2, \"threads\": 3"),
                PageConfigLoader.Format.JSON)).isInstanceOf(ConfigException.class)
                .hasMessage("dispatch.threads: unknown key");
        assertThatThrownBy(() -> loader.parse(json.replace("\"role\": \"marketing\",",
                "\"role\": \"marketing\", \"secrets\": {},"), PageConfigLoader.Format.JSON))
                .hasMessage("apps[0].secrets: unknown key");
    }

    @Test
    void loadsFilesByExtension(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("page.yml"), YAML);
        assertThat(loader.load(yaml).apps()).hasSize(2);
        Path other = Files.writeString(dir.resolve("page.txt"), YAML);
        assertThatThrownBy(() -> loader.load(other)).isInstanceOf(ConfigException.class).hasMessageContaining(".yaml");
        assertThatThrownBy(() -> loader.load(dir.resolve("absent.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read");
    }

    @Test
    void unknownKeysAreNamedByTheirFullPath() {
        assertUnknownKey(YAML.replace("dispatch: { workers: 3 }", "dispatch: { workers: 3, wrokers: 4 }"),
                "dispatch.wrokers");
        assertUnknownKey(YAML.replace("dataDir: /var/baton", "dataDir: /var/baton\nlogging: debug"), "logging");
        assertUnknownKey(YAML.replace("appId: 111", "appId: 111\n    colour: red"), "apps[0].colour");
        assertUnknownKey(YAML.replace("keystorePassword:", "alias: x, keystorePassword:"), "server.tls.alias");
        assertUnknownKey(YAML.replace("platform: messenger", "platform: messenger, name: x"), "page.name");
    }

    private void assertUnknownKey(String yaml, String path) {
        assertThatThrownBy(() -> loader.parse(yaml, PageConfigLoader.Format.YAML))
                .isInstanceOf(ConfigException.class)
                .hasMessage(path + ": unknown key")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo(path);
    }

    @Test
    void aMissingEnvironmentVariableIsNamedWithItsKey() {
        PageConfigLoader partial = new PageConfigLoader(Map.of("PAGE_ACCESS_TOKEN", "t", "KEYSTORE_PASSWORD", "k",
                "MARKETING_VERIFY_TOKEN", "v", "DEFAULT_APP_SECRET", "d"));
        assertThatThrownBy(() -> partial.parse(YAML, PageConfigLoader.Format.YAML))
                .isInstanceOf(ConfigException.class)
                .hasMessage("apps[0].secret: environment variable MARKETING_APP_SECRET is not set");
    }

    @Test
    void missingRequiredKeysAreNamed() {
        assertThatThrownBy(() -> loader.parse(YAML.replace("    secret: ${MARKETING_APP_SECRET}\n", ""),
                PageConfigLoader.Format.YAML)).hasMessage("apps[0].secret: missing");
        assertThatThrownBy(() -> loader.parse(YAML.replace("verifyToken: literal-token", "verifyToken: \"\""),
                PageConfigLoader.Format.YAML)).hasMessage("apps[1].verifyToken: missing");
        assertThatThrownBy(() -> loader.parse("page: { id: '1' , platform: messenger }\n",
                PageConfigLoader.Format.YAML)).hasMessage("apps: missing: configure at least one app");
        assertThatThrownBy(() -> loader.parse("apps: []\n", PageConfigLoader.Format.YAML)).hasMessage("page: missing");
    }

    @Test
    void theWarmupIsOffWhenLeftOut() {
        PageConfig config = loader.parse(YAML.replace("warmup: 10s, ", ""), PageConfigLoader.Format.YAML);
        assertThat(config.server().warmup()).isEqualTo(Duration.ZERO).isEqualTo(ServerSettings.DEFAULT_WARMUP);
    }

    @Test
    void wrongTypesAndValuesAreNamedWithoutQuotingTheValue() {
        assertThatThrownBy(() -> loader.parse(YAML.replace("port: 9090", "port: lots"), PageConfigLoader.Format.YAML))
                .hasMessage("server.port: wrong type or format (expected a whole number)");
        assertThatThrownBy(() -> loader.parse(YAML.replace("requestTimeout: 5s", "requestTimeout: soon"),
                PageConfigLoader.Format.YAML))
                .hasMessage("server.requestTimeout: not a duration (use 250ms, 5s, 2m, 1h, 7d or PT5S)");
        assertThatThrownBy(() -> loader.parse(YAML.replace("warmup: 10s", "warmup: soon"), PageConfigLoader.Format.YAML))
                .hasMessage("server.warmup: not a duration (use 250ms, 5s, 2m, 1h, 7d or PT5S)");
        assertThatThrownBy(() -> loader.parse(YAML.replace("warmup: 10s", "warmUp: 10s"), PageConfigLoader.Format.YAML))
                .hasMessageContaining("warmUp");
        assertThatThrownBy(() -> loader.parse(YAML.replace("platform: messenger", "platform: whatsapp"),
                PageConfigLoader.Format.YAML)).hasMessage("page.platform: must be one of [messenger, instagram]");
        assertThatThrownBy(() -> loader.parse(YAML.replace("workers: 3", "workers: 0"), PageConfigLoader.Format.YAML))
                .hasMessage("dispatch: workers must be at least 1: 0");
        assertThatThrownBy(() -> loader.parse(YAML.replace("name: marketing", "name: Marketing!"),
                PageConfigLoader.Format.YAML)).hasMessage("apps[0]: app name must match [a-z][a-z0-9-]*");
    }

    @Test
    void theStoreBlockNamesAPluginAndKeepsTheRestForIt() {
        PageConfig upper = loader.parse(YAML.replace("type: memory", "type: SQLite, password: \"${PAGE_ACCESS_TOKEN}\""),
                PageConfigLoader.Format.YAML);
        assertThat(upper.store().type()).as("read as the plugin name, ignoring case").isEqualTo("sqlite");
        assertThat(upper.store().options().string("password")).hasValue("EAAtoken-xyz");
        assertThat(upper.store().toString()).doesNotContain("EAAtoken-xyz").contains("password");
        assertThat(upper.toString()).doesNotContain("EAAtoken-xyz");
        assertThat(loader.parse(YAML.replace("store: { type: memory, dedupeCapacity: 500 }", "store: { path: x.db }"),
                PageConfigLoader.Format.YAML).store().type()).as("the default plugin").isEqualTo("sqlite");
        assertThatThrownBy(() -> loader.parse(YAML.replace("type: memory", "type: [a]"), PageConfigLoader.Format.YAML))
                .isInstanceOf(ConfigException.class)
                .hasMessage("store.type: wrong type or format (expected the name of a store plugin)");
        assertThatThrownBy(() -> loader.parse(YAML.replace("type: memory", "type: my_store"), PageConfigLoader.Format.YAML))
                .hasMessage("store.type: not a store plugin name (expected [a-z][a-z0-9-]*)");
        assertThatThrownBy(() -> loader.parse(YAML.replace("store: { type: memory, dedupeCapacity: 500 }", "store: 3"),
                PageConfigLoader.Format.YAML)).isInstanceOf(ConfigException.class).hasMessageStartingWith("store");
    }

    @Test
    void duplicateAppNamesAndKeysAreRefused() {
        assertThatThrownBy(() -> loader.parse(YAML.replace("name: default", "name: marketing"),
                PageConfigLoader.Format.YAML)).hasMessageContaining("two apps are named marketing");
        assertThatThrownBy(() -> loader.parse(YAML.replace("dispatch: { workers: 3 }", "dispatch: { workers: 3, workers: 4 }"),
                PageConfigLoader.Format.YAML)).isInstanceOf(ConfigException.class).hasMessageContaining("workers");
    }

    @Test
    void brokenSyntaxIsAConfigErrorWithALocation() {
        assertThatThrownBy(() -> loader.parse("{\"page\": ", PageConfigLoader.Format.JSON))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML/JSON");
        assertThatThrownBy(() -> loader.parse("- a\n- b\n", PageConfigLoader.Format.YAML))
                .isInstanceOf(ConfigException.class).hasMessageContaining("map of keys");
    }

    @Test
    void secretsNeverAppearInToStringOrErrors() {
        PageConfig config = loader.parse(YAML, PageConfigLoader.Format.YAML);
        String printed = config.toString();
        for (String secret : ENV.values()) {
            assertThat(printed).doesNotContain(secret);
        }
        assertThat(printed).contains("marketing").contains("111").contains("****");
        assertThat(config.apps().get(0).toString()).contains("settings=[campaigns, handoffAfter]");

        // A secret put where a number belongs must not be echoed back in the error.
        PageConfigLoader leaky = new PageConfigLoader(Map.of("PORT", "s3cret-marketing"));
        String yaml = YAML.replace("port: 9090", "port: ${PORT}");
        assertThatThrownBy(() -> new PageConfigLoader(mergedEnv("PORT", "s3cret-marketing")).parse(yaml,
                PageConfigLoader.Format.YAML)).message().doesNotContain("s3cret");
        assertThat(leaky).isNotNull();
    }

    private static Map<String, String> mergedEnv(String key, String value) {
        java.util.HashMap<String, String> env = new java.util.HashMap<>(ENV);
        env.put(key, value);
        return env;
    }

    @Test
    void dollarDollarBraceIsALiteral() {
        PageConfig config = loader.parse(YAML.replace("literal-token", "\"a$${b}\""), PageConfigLoader.Format.YAML);
        assertThat(config.app("default").orElseThrow().verifyToken()).isEqualTo("a${b}");
    }
}
