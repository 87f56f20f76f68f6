package dev.baton.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The strict Jackson mappers config is read with: unknown keys, duplicate keys and nulls for numbers are
 * errors; enums are matched ignoring case ({@code messenger}, {@code sqlite}); durations are read by
 * {@link Durations}; paths are plain strings.
 */
final class ConfigMapper {

    static final ObjectMapper YAML = configure(YAMLMapper.builder()).build();
    static final ObjectMapper JSON = configure(JsonMapper.builder()).build();

    private ConfigMapper() {}

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        SimpleModule module = new SimpleModule("baton-config");
        module.addDeserializer(Duration.class, new DurationDeserializer());
        module.addSerializer(Duration.class, new DurationSerializer());
        module.addDeserializer(Path.class, new PathDeserializer());
        module.addSerializer(Path.class, new PathSerializer());
        return builder.addModule(module)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);
    }

    private static final class DurationDeserializer extends StdScalarDeserializer<Duration> {
        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw InvalidFormatException.from(parser, "not a duration", null, Duration.class);
            }
            try {
                return Durations.parse(parser.getText());
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(parser, e.getMessage(), null, Duration.class);
            }
        }
    }

    private static final class DurationSerializer extends StdScalarSerializer<Duration> {
        DurationSerializer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(Durations.format(value));
        }
    }

    private static final class PathDeserializer extends StdScalarDeserializer<Path> {
        PathDeserializer() {
            super(Path.class);
        }

        @Override
        public Path deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw InvalidFormatException.from(parser, "not a path", null, Path.class);
            }
            try {
                return Path.of(parser.getText());
            } catch (java.nio.file.InvalidPathException e) {
                throw InvalidFormatException.from(parser, "not a valid path", null, Path.class);
            }
        }
    }

    private static final class PathSerializer extends StdScalarSerializer<Path> {
        PathSerializer() {
            super(Path.class);
        }

        @Override
        public void serialize(Path value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(value.toString());
        }
    }
}
