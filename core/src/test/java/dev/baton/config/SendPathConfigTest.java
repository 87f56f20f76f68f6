package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code graph.sendPath} ({@code send_path}): where the Send API is posted. */
class SendPathConfigTest {

    private final PageConfigLoader loader = new PageConfigLoader(Map.of(
            "MARKETING_APP_SECRET", "s", "PAGE_ACCESS_TOKEN", "t", "MARKETING_VERIFY_TOKEN", "v",
            "DEFAULT_APP_SECRET", "d", "KEYSTORE_PASSWORD", "k"));

    private GraphSettings graph(String graphLine) {
        String yaml = PageConfigLoaderTest.YAML.replace(
                "graph: { baseUrl: \"http://127.0.0.1:9999\", threadControl: handover-protocol, requestTimeout: 12s }",
                graphLine);
        return loader.parse(yaml, PageConfigLoader.Format.YAML).graph();
    }

    @Test
    void thePageNodeIsTheDefault() {
        GraphSettings settings = graph("graph: { threadControl: send-api }");
        assertThat(settings.sendPath()).isEqualTo("page");
        assertThat(settings.messagesPath("1234567890")).isEqualTo("1234567890/messages");
    }

    @Test
    void meIsChosenWithEitherSpellingOfTheKey() {
        assertThat(graph("graph: { sendPath: me }").messagesPath("1234567890")).isEqualTo("me/messages");
        assertThat(graph("graph: { send_path: me }").sendPath()).isEqualTo("me");
    }

    @Test
    void anotherValueIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> graph("graph: { sendPath: feed }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("graph")
                .hasMessageContaining("page or me");
        assertThatThrownBy(() -> GraphSettings.DEFAULTS.withSendPath("Me")).isInstanceOf(IllegalArgumentException.class);
    }
}
