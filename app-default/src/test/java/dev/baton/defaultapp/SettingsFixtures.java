package dev.baton.defaultapp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads settings the way the runtime does: Jackson, unknown keys refused. */
final class SettingsFixtures {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SettingsFixtures() {}

    static Settings example() {
        try (InputStream in = SettingsFixtures.class.getResourceAsStream("/default-app-example.yaml")) {
            return YAML.readValue(in, Settings.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Settings parse(String yaml) throws IOException {
        return YAML.readValue(yaml, Settings.class);
    }
}
