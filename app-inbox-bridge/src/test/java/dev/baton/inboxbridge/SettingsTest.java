package dev.baton.inboxbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static Settings example(String name) throws Exception {
        String yaml = Files.readString(Path.of("src/test/resources/" + name))
                .replace("${HELPDESK_SIGNING_SECRET}", "a-long-enough-test-secret");
        return YAML.readValue(yaml, Settings.class);
    }

    @Test
    void bothExamplesReadAndAreInTheReadme() throws Exception {
        Settings helpdesk = example("inbox-bridge-helpdesk-example.yaml");
        Settings metaInbox = example("inbox-bridge-meta-inbox-example.yaml");

        assertThat(helpdesk.helpdeskMode()).isTrue();
        assertThat(helpdesk.helpdesk().timeoutDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(helpdesk.helpdesk().reclaimFromHostedDefault()).isTrue();
        assertThat(helpdesk.helpdesk().sendsAsPersonas()).isTrue();
        assertThat(helpdesk.helpdesk().agentPersonaPictureUrl()).isEqualTo("https://cdn.example.com/support-agent.png");
        assertThat(metaInbox.metaInbox().inboxAppId()).isEqualTo("263902037430900");
        String readme = Files.readString(Path.of("README.md"));
        for (String name : new String[] {"inbox-bridge-helpdesk-example.yaml", "inbox-bridge-meta-inbox-example.yaml"}) {
            String indented = Files.readString(Path.of("src/test/resources/" + name)).lines()
                    .map(line -> line.isEmpty() ? line : "      " + line).reduce("", (a, b) -> a + b + "\n");
            assertThat(readme).contains(indented);
        }
    }

    @Test
    void theSigningSecretNeverShows() throws Exception {
        assertThat(example("inbox-bridge-helpdesk-example.yaml").toString())
                .doesNotContain("a-long-enough-test-secret").contains("****");
    }

    @Test
    void anEmptyBlockIsMetaInboxMode() throws Exception {
        Settings config = YAML.readValue("{}", Settings.class);

        assertThat(config.mode()).isEqualTo("meta-inbox");
        assertThat(config.handoffText()).isNull();
    }

    @Test
    void unknownKeysAndBadValuesAreRefusedByName() {
        assertThatThrownBy(() -> YAML.readValue("mdoe: helpdesk", Settings.class))
                .isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("mdoe");
        assertThatThrownBy(() -> YAML.readValue("mode: helpdesk", Settings.class))
                .hasMessageContaining("needs a helpdesk");
        assertThatThrownBy(() -> YAML.readValue("mode: chat", Settings.class))
                .hasMessageContaining("mode must be");
        assertThatThrownBy(() -> YAML.readValue(
                "{mode: helpdesk, helpdesk: {webhookUrl: 'https://h', signingSecret: short}}", Settings.class))
                .hasMessageContaining("helpdesk.signingSecret");
        assertThatThrownBy(() -> YAML.readValue(
                "{mode: helpdesk, helpdesk: {signingSecret: a-long-enough-test-secret}}", Settings.class))
                .hasMessageContaining("helpdesk.webhookUrl");
        assertThatThrownBy(() -> YAML.readValue("{mode: helpdesk, helpdesk: {connector: memory, "
                + "signingSecret: a-long-enough-test-secret, timeout: soon}}", Settings.class))
                .hasMessageContaining("helpdesk.timeout");
        assertThatThrownBy(() -> YAML.readValue("returnTo: default", Settings.class))
                .hasMessageContaining("returnTo");
    }

    @Test
    void personasAreOnByDefaultButNeedAPicture() {
        Settings.Helpdesk plain = new Settings.Helpdesk("memory", null, "a-long-enough-test-secret",
                null, null, null, null, null);
        assertThat(plain.agentPersonas()).isTrue();
        assertThat(plain.sendsAsPersonas()).isFalse();
        Settings.Helpdesk pictured = new Settings.Helpdesk("memory", null,
                "a-long-enough-test-secret", null, null, null, null, null, null, "https://x.test/a.png");
        assertThat(pictured.sendsAsPersonas()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Settings.Helpdesk("memory", null,
                "a-long-enough-test-secret", null, null, null, null, null, true, "ftp://x.test/a.png"))
                .hasMessageContaining("helpdesk.agentPersonaPictureUrl");
    }
}
