package dev.baton.defaultapp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads settings the way the runtime does: Jackson, unknown keys refused. */
final class DefaultAppConfigs {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private DefaultAppConfigs() {}

    static DefaultAppConfig example() {
        try (InputStream in = DefaultAppConfigs.class.getResourceAsStream("/default-app-example.yaml")) {
            return YAML.readValue(in, DefaultAppConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DefaultAppConfig parse(String yaml) throws IOException {
        return YAML.readValue(yaml, DefaultAppConfig.class);
    }
}
