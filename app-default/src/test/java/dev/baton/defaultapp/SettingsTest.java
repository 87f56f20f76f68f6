package dev.baton.defaultapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void theExampleReadsWithEveryPart() {
        Settings config = SettingsFixtures.example();

        assertThat(config.intents()).extracting(Intent::name).containsExactly("hours", "order");
        assertThat(config.refs().get("spring-sale").buttons()).hasSize(2);
        assertThat(config.greeting().quickReplies()).hasSize(3);
        assertThat(config.escalation().keywords()).contains("real person");
    }

    @Test
    void theReadmeCarriesTheSameExample() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String example = Files.readString(Path.of("src/test/resources/default-app-example.yaml"));
        Matcher block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).isTrue();
        String settings = block.group(1);
        String indented = example.lines().map(line -> line.isEmpty() ? line : "      " + line)
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(settings).contains(indented);
    }

    @Test
    void anEmptyBlockGivesWorkingDefaults() throws Exception {
        Settings config = SettingsFixtures.parse("{}");

        assertThat(config).isEqualTo(Settings.defaults());
        assertThat(config.escalation().keywords()).containsExactly("human", "agent");
        assertThat(config.escalation().target()).isEqualTo("inbox-bridge");
        assertThat(config.afterHuman()).isNull();
    }

    @Test
    void unknownKeysAreRefusedByName() {
        assertThatThrownBy(() -> SettingsFixtures.parse("greting: { text: hi }"))
                .isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("greting");
        assertThatThrownBy(() -> SettingsFixtures.parse("escalation: { targt: page-inbox }"))
                .isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("targt");
    }

    @Test
    void badValuesAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> SettingsFixtures.parse("escalation: { target: somewhere }"))
                .isInstanceOf(ValueInstantiationException.class).hasMessageContaining("escalation.target");
        assertThatThrownBy(() -> SettingsFixtures.parse("intents: [ { name: x, answer: { text: hi } } ]"))
                .hasMessageContaining("needs keywords or payloads");
        assertThatThrownBy(() -> SettingsFixtures.parse(
                "fallback: { text: hi, quickReplies: [ { title: 'a title that is far too long', payload: P } ] }"))
                .hasMessageContaining("1 to 20 characters");
        assertThatThrownBy(() -> SettingsFixtures.parse("menu: { X: { text: '' } }"))
                .hasMessageContaining("answer text is missing");
    }

    @Test
    void placeholdersWithoutValuesBecomeEmpty() {
        Placeholders placeholders = new Placeholders(Map.of("ref", "spring", "handover.choice", "A"));

        assertThat(placeholders.fill("{ref}/{handover.choice}/{ad_title}/{not a placeholder}"))
                .isEqualTo("spring/A//{not a placeholder}");
    }
}
