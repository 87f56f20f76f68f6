package dev.baton.testkit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.baton.spi.AppRole;
import dev.baton.spi.HostedApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One app a {@link PageFixture} hosts in its deployment and connects to the emulated Page: the instance name
 * (its webhook path), the plugin that implements it (found by {@code ServiceLoader}, as in production), its
 * Meta app id and role, its {@code settings:} block, and how the Page treats it ({@code standby} copies,
 * take-control permission). Secrets are made up by the fixture.
 */
public record FixtureApp(String name, String plugin, String appId, AppRole role, JsonNode settings, boolean standby,
                         boolean canTakeControl) {

    private static final ObjectMapper YAML = new YAMLMapper();

    public FixtureApp {
        requireNonNull(name, "name is null");
        requireNonNull(plugin, "plugin is null");
        requireNonNull(appId, "appId is null");
        requireNonNull(role, "role is null");
        new HostedApp(name, appId, role); // checks the name
        if (!appId.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException("appId must be digits, like Meta's: " + appId);
        }
        settings = settings == null ? JsonNodeFactory.instance.objectNode() : settings.deepCopy();
        if (!settings.isObject()) {
            throw new IllegalArgumentException("settings must be a map");
        }
    }

    /** An app with no settings, on standby, without take-control permission (Meta's defaults). */
    public static FixtureApp of(String name, String plugin, String appId, AppRole role) {
        return new FixtureApp(name, plugin, appId, role, null, true, false);
    }

    /** The settings written as YAML, exactly as under {@code settings:} in a Page file. */
    public FixtureApp withSettingsYaml(String yaml) {
        try {
            JsonNode parsed = YAML.readTree(yaml);
            return new FixtureApp(name, plugin, appId, role, parsed, standby, canTakeControl);
        } catch (IOException e) {
            throw new UncheckedIOException("settings are not YAML", e);
        }
    }

    public FixtureApp withSettings(Map<String, ?> newSettings) {
        return new FixtureApp(name, plugin, appId, role, YAML.valueToTree(newSettings), standby, canTakeControl);
    }

    public FixtureApp withStandby(boolean newStandby) {
        return new FixtureApp(name, plugin, appId, role, settings, newStandby, canTakeControl);
    }

    public FixtureApp withCanTakeControl(boolean newCanTakeControl) {
        return new FixtureApp(name, plugin, appId, role, settings, standby, newCanTakeControl);
    }

    @Override
    public JsonNode settings() {
        return settings.deepCopy();
    }

    public HostedApp hostedApp() {
        return new HostedApp(name, appId, role);
    }
}
