package dev.baton.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.spi.AppRole;
import dev.baton.spi.HostedApp;
import java.util.List;

/**
 * One hosted app instance of the {@code apps:} list: its instance name (also its webhook path), the plugin
 * that implements it, its Meta app id and role, its three secrets and its plugin-specific {@code settings:}.
 *
 * <p>{@link #toString()} never shows the secrets nor the settings' values (they may hold secrets too).
 */
public record AppConfig(
        String name,
        String plugin,
        String appId,
        AppRole role,
        String secret,
        String accessToken,
        String verifyToken,
        JsonNode settings) {

    public AppConfig {
        requireNonNull(name, "name is null");
        requireNonNull(plugin, "plugin is null");
        requireNonNull(appId, "appId is null");
        requireNonNull(role, "role is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(accessToken, "accessToken is null");
        requireNonNull(verifyToken, "verifyToken is null");
        if (!HostedApp.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("app name must match [a-z][a-z0-9-]*");
        }
        if (!HostedApp.NAME.matcher(plugin).matches()) {
            throw new IllegalArgumentException("plugin name must match [a-z][a-z0-9-]*");
        }
        if (!appId.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException("appId must be a Meta app id (digits)");
        }
        for (String secretValue : List.of(secret, accessToken, verifyToken)) {
            if (secretValue.isBlank()) {
                throw new IllegalArgumentException("secret, accessToken and verifyToken must not be blank");
            }
        }
        if (settings == null || settings.isNull()) {
            settings = JsonNodeFactory.instance.objectNode();
        } else if (!settings.isObject()) {
            throw new IllegalArgumentException("settings must be a map");
        } else {
            settings = settings.deepCopy();
        }
    }

    /** A config without plugin settings. */
    public static AppConfig of(String name, String plugin, String appId, AppRole role, String secret,
                               String accessToken, String verifyToken) {
        return new AppConfig(name, plugin, appId, role, secret, accessToken, verifyToken, null);
    }

    /** The plugin-specific settings block (a copy: changing it changes nothing here). */
    @Override
    public JsonNode settings() {
        return settings.deepCopy();
    }

    public AppConfig withSettings(ObjectNode newSettings) {
        return new AppConfig(name, plugin, appId, role, secret, accessToken, verifyToken, newSettings);
    }

    public HostedApp hostedApp() {
        return new HostedApp(name, appId, role);
    }

    @Override
    public String toString() {
        List<String> settingKeys = settings.properties().stream().map(java.util.Map.Entry::getKey).toList();
        return "AppConfig[name=" + name + ", plugin=" + plugin + ", appId=" + appId + ", role=" + role
                + ", secret=****, accessToken=****, verifyToken=****, settings=" + settingKeys + "]";
    }
}
