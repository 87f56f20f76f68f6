package dev.baton.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.AppConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.PageConfig;
import dev.baton.config.PageConfigLoader;
import dev.baton.config.SettingsBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final Map<String, String> ENV = Map.of("MARKETING_APP_SECRET", "s", "MARKETING_PAGE_TOKEN", "t",
            "MARKETING_VERIFY_TOKEN", "v");

    /** The README's example is loaded by the real config loader, so the documentation cannot drift. */
    @Test
    void theReadmeExampleLoads() throws IOException {
        Settings config = SettingsBinder.bind(readmeApp(readmeYaml()), Settings.class);

        assertThat(config.completionDeadline()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.leadSink()).isEqualTo(new LeadSinkConfig("jsonl", "./data/leads.jsonl"));
        assertThat(config.campaigns()).extracting(Campaign::name).containsExactly("spring-sale", "general");
        Choice quote = config.campaign("spring-sale").orElseThrow().choice("quote").orElseThrow();
        assertThat(quote.action()).isEqualTo(Choice.Action.LEAD);
        assertThat(quote.lead().kind()).isEqualTo(LeadCapture.Kind.EMAIL);
        assertThat(quote.lead().then()).isEqualTo(LeadCapture.Then.RELEASE);
        Choice callback = config.campaign("general").orElseThrow().choice("callback").orElseThrow();
        assertThat(callback.lead().maxAttempts()).isEqualTo(3);
        assertThat(callback.lead().prompt()).isEqualTo("What's your phone number?");
        assertThat(config.fallbackCampaign()).isEqualTo("general");
    }

    @Test
    void unknownKeysAreRefusedByName() throws IOException {
        String yaml = readmeYaml().replace("maxReprompts: 1", "maxReprompts: 1\n      welcomeDelay: 5s");

        assertThatThrownBy(() -> SettingsBinder.bind(readmeApp(yaml), Settings.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("welcomeDelay");
    }

    @Test
    void nestedUnknownKeysAreRefusedToo() throws IOException {
        String yaml = readmeYaml().replace("kind: email", "kind: email\n                colour: red");

        assertThatThrownBy(() -> SettingsBinder.bind(readmeApp(yaml), Settings.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("colour");
    }

    @Test
    void badValuesSayWhatIsWrong() throws IOException {
        assertThatThrownBy(() -> SettingsBinder.bind(readmeApp(readmeYaml().replace("action: answer", "action: shout")),
                Settings.class)).hasMessageContaining("shout");
        assertThatThrownBy(() -> SettingsBinder.bind(readmeApp(readmeYaml().replace("title: See prices",
                "title: See all our prices and offers")), Settings.class)).hasMessageContaining("20");
        assertThatThrownBy(() -> SettingsBinder.bind(readmeApp(readmeYaml().replace("fallbackCampaign: general",
                "fallbackCampaign: summer")), Settings.class)).hasMessageContaining("summer");
    }

    @Test
    void campaignRulesAreChecked() {
        Choice answer = new Choice("a", "A", Choice.Action.ANSWER, "yes", null);
        assertThatThrownBy(() -> new Choice("b", "B", Choice.Action.ANSWER, null, null))
                .hasMessageContaining("needs a text");
        assertThatThrownBy(() -> new Choice("b", "B", Choice.Action.LEAD, null, null))
                .hasMessageContaining("lead block");
        assertThatThrownBy(() -> new Campaign("x", null, null, "hi", List.of(answer, answer), null))
                .hasMessageContaining("two choices");
        assertThatThrownBy(() -> new Campaign("Bad Name", null, null, "hi", List.of(answer), null))
                .hasMessageContaining("campaign name");
        Campaign one = new Campaign("one", List.of("ad"), null, "hi", List.of(answer), null);
        Campaign two = new Campaign("two", List.of("ad"), null, "hi", List.of(answer), null);
        assertThatThrownBy(() -> new Settings(null, null, null, null, null, List.of(one, two), null))
                .hasMessageContaining("ad id ad");
        assertThatThrownBy(() -> new Settings(Duration.ZERO, null, null, null, null, List.of(one), null))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new Settings(null, null, null, null, null, List.of(), null))
                .hasMessageContaining("campaigns");
        assertThatThrownBy(() -> new LeadSinkConfig("jsonl", null)).hasMessageContaining("path");
    }

    @Test
    void passKeywordsMatchWholeMessagesIgnoringCase() {
        Settings config = Fixtures.config(null, null);

        assertThat(config.isPassKeyword(" Stop ")).isTrue();
        assertThat(config.isPassKeyword("HUMAN")).isTrue();
        assertThat(config.isPassKeyword("don't stop")).isFalse();
        assertThat(config.isPassKeyword(null)).isFalse();
    }

    static String readmeYaml() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```yaml\n") + "```yaml\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    private static AppConfig readmeApp(String yaml) {
        PageConfig page = new PageConfigLoader(ENV).parse(yaml, PageConfigLoader.Format.YAML);
        return page.app("marketing").orElseThrow();
    }
}
