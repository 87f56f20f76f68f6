package dev.baton.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Binds an app's {@code settings:} block to the plugin's own settings type (usually a record) with the same
 * strictness as the Page config: unknown keys are refused, naming the key as {@code apps[NAME].settings.KEY}.
 * Durations ({@code 30m}), paths and case-insensitive enums read as in the Page config.
 */
public final class SettingsBinder {

    private SettingsBinder() {}

    /** The settings as {@code type}; keys left out are null / zero. */
    public static <T> T bind(AppConfig app, Class<T> type) {
        return bind(app.name(), app.settings(), type);
    }

    /** The settings as {@code type}, keys left out taken from {@code defaults}. */
    public static <T> T bind(AppConfig app, Class<T> type, T defaults) {
        requireNonNull(defaults, "defaults is null");
        JsonNode defaultTree = ConfigMapper.JSON.valueToTree(defaults);
        if (!(defaultTree instanceof ObjectNode defaultObject)) {
            throw new IllegalArgumentException("defaults must serialise to a map of keys: " + type.getName());
        }
        return bind(app.name(), PageConfigLoader.merge(defaultObject, (ObjectNode) app.settings()), type);
    }

    private static <T> T bind(String appName, JsonNode settings, Class<T> type) {
        requireNonNull(type, "type is null");
        String prefix = "apps[" + appName + "].settings";
        try {
            return ConfigMapper.JSON.treeToValue(settings, type);
        } catch (JsonProcessingException e) {
            throw ConfigErrors.translate(e, prefix);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(prefix, e.getMessage());
        }
    }
}
