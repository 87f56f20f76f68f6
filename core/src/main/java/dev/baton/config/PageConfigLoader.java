package dev.baton.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@link PageConfig} from YAML or JSON. Secrets are written as {@code ${ENV_NAME}} and come from the
 * environment given to the constructor (the process environment in production, a map in tests). Sections
 * left out take their defaults; keys given replace the defaults one by one. Unknown keys, a missing
 * required key and an unset variable are {@link ConfigException}s naming the key's full path.
 * Thread-safe.
 */
public final class PageConfigLoader {

    /** The file formats; YAML also reads JSON, but JSON gives sharper syntax errors for .json files. */
    public enum Format { YAML, JSON }

    private static final List<String> REQUIRED_APP_KEYS =
            List.of("name", "plugin", "appId", "role", "secret", "accessToken", "verifyToken");

    private final EnvironmentSubstitution substitution;

    public PageConfigLoader(Map<String, String> environment) {
        this.substitution = new EnvironmentSubstitution(Map.copyOf(requireNonNull(environment, "environment is null")));
    }

    /** A loader reading secrets from this process's environment variables. */
    public static PageConfigLoader fromSystemEnvironment() {
        return new PageConfigLoader(System.getenv());
    }

    /** Loads {@code file}: {@code .json} as JSON, {@code .yaml}/{@code .yml} as YAML. */
    public PageConfig load(Path file) {
        return loadWithSetup(file).config();
    }

    /** Loads {@code file} with its {@code setup:} section, for the {@code setup} and {@code doctor} commands. */
    public PageSetupConfig loadWithSetup(Path file) {
        requireNonNull(file, "file is null");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Format format;
        if (name.endsWith(".json")) {
            format = Format.JSON;
        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            format = Format.YAML;
        } else {
            throw new ConfigException(null, "config file must end in .yaml, .yml or .json: " + file);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(null, "cannot read config file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        return parseWithSetup(text, format);
    }

    public PageConfig parse(String text, Format format) {
        return parseWithSetup(text, format).config();
    }

    /** Parses a config and its {@code setup:} section (checked here too, so {@code serve} refuses a bad one). */
    public PageSetupConfig parseWithSetup(String text, Format format) {
        requireNonNull(text, "text is null");
        ObjectMapper mapper = format == Format.JSON ? ConfigMapper.JSON : ConfigMapper.YAML;
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw ConfigErrors.translate(e, "");
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new ConfigException(null, "the config must be a map of keys (page, apps, ...)");
        }
        SetupSection.requireSecretReferences(root.get("setup"));
        substitution.apply(root, "");
        JsonNode setup = root.remove("setup");
        requireKeys(root);
        acceptSnakeCaseSendPath(root);
        ObjectNode merged = withDefaults(root);
        try {
            PageConfig config = ConfigMapper.JSON.treeToValue(merged, PageConfig.class);
            return new PageSetupConfig(config, SetupSection.read(setup, config));
        } catch (JsonProcessingException e) {
            throw ConfigErrors.translate(e, "");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(null, e.getMessage());
        }
    }

    private static void requireKeys(ObjectNode root) {
        requireObject(root, "page", "page");
        requirePresent((ObjectNode) root.get("page"), "id", "page.id");
        requirePresent((ObjectNode) root.get("page"), "platform", "page.platform");
        JsonNode apps = root.get("apps");
        if (apps == null || apps.isNull() || (apps.isArray() && apps.isEmpty())) {
            throw new ConfigException("apps", "missing: configure at least one app");
        }
        if (!apps.isArray()) {
            throw new ConfigException("apps", "wrong type or format (expected a list)");
        }
        for (int i = 0; i < apps.size(); i++) {
            String path = "apps[" + i + "]";
            if (!(apps.get(i) instanceof ObjectNode app)) {
                throw new ConfigException(path, "wrong type or format (expected a map of keys)");
            }
            for (String key : REQUIRED_APP_KEYS) {
                requirePresent(app, key, path + "." + key);
            }
        }
    }

    /** {@code graph.send_path} is the spelling Meta-minded teams reach for; it means {@code graph.sendPath}. */
    private static void acceptSnakeCaseSendPath(ObjectNode root) {
        if (root.get("graph") instanceof ObjectNode graph && graph.has("send_path")) {
            if (graph.has("sendPath")) {
                throw new ConfigException("graph.send_path", "give either sendPath or send_path, not both");
            }
            graph.set("sendPath", graph.remove("send_path"));
        }
    }

    private static void requireObject(ObjectNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            throw new ConfigException(path, "missing");
        }
        if (!node.isObject()) {
            throw new ConfigException(path, "wrong type or format (expected a map of keys)");
        }
    }

    private static void requirePresent(ObjectNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
            throw new ConfigException(path, "missing");
        }
    }

    /** The user's tree laid over the defaults' tree, section by section, so absent keys take defaults. */
    private static ObjectNode withDefaults(ObjectNode root) {
        ObjectNode defaults = ConfigMapper.JSON.createObjectNode();
        defaults.set("graph", ConfigMapper.JSON.valueToTree(GraphSettings.DEFAULTS));
        defaults.set("server", ConfigMapper.JSON.valueToTree(ServerSettings.DEFAULTS));
        defaults.set("store", ConfigMapper.JSON.valueToTree(StoreSettings.DEFAULTS));
        defaults.set("dispatch", ConfigMapper.JSON.valueToTree(DispatchSettings.DEFAULTS));
        return merge(defaults, root);
    }

    static ObjectNode merge(ObjectNode base, ObjectNode overlay) {
        ObjectNode result = base.deepCopy();
        overlay.properties().forEach(field -> {
            JsonNode existing = result.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode overlayObject) {
                result.set(field.getKey(), merge(existingObject, overlayObject));
            } else {
                result.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return result;
    }
}
