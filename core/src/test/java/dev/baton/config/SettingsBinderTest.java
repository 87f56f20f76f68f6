package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.spi.AppRole;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsBinderTest {

    record Campaign(String adId, String greeting) {}

    record MarketingSettings(List<Campaign> campaigns, Duration handoffAfter, int maxTurns) {}

    private static AppConfig app(ObjectNode settings) {
        return AppConfig.of("mkt", "marketing", "111", AppRole.MARKETING, "s", "t", "v").withSettings(settings);
    }

    @Test
    void bindsToTheGivenRecord() {
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        settings.putArray("campaigns").addObject().put("adId", "42").put("greeting", "hi");
        settings.put("handoffAfter", "30m");
        assertThatThrownBy(() -> SettingsBinder.bind(app(settings), MarketingSettings.class))
                .hasMessage("apps[mkt].settings.maxTurns: missing or null (expected a whole number)");
        settings.put("maxTurns", 4);
        MarketingSettings bound = SettingsBinder.bind(app(settings), MarketingSettings.class);
        assertThat(bound.campaigns()).containsExactly(new Campaign("42", "hi"));
        assertThat(bound.handoffAfter()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void keysLeftOutComeFromTheDefaults() {
        ObjectNode settings = JsonNodeFactory.instance.objectNode().put("maxTurns", 9);
        MarketingSettings bound = SettingsBinder.bind(app(settings), MarketingSettings.class,
                new MarketingSettings(List.of(), Duration.ofHours(1), 3));
        assertThat(bound).isEqualTo(new MarketingSettings(List.of(), Duration.ofHours(1), 9));
    }

    @Test
    void unknownKeysAreRefusedNamingTheApp() {
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        settings.putArray("campaigns").addObject().put("adld", "42");
        assertThatThrownBy(() -> SettingsBinder.bind(app(settings), MarketingSettings.class))
                .isInstanceOf(ConfigException.class)
                .hasMessage("apps[mkt].settings.campaigns[0].adld: unknown key");
    }
}
