package dev.baton.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the JSON fixtures under {@code src/test/resources/webhook/}. */
final class Fixtures {

    private Fixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/webhook/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** One Messenger batch with one entry for page "PAGE" holding {@code event} in {@code messaging[]}. */
    static byte[] messaging(String event) {
        return utf8("{\"object\":\"page\",\"entry\":[{\"id\":\"PAGE\",\"time\":1700000000000,\"messaging\":["
                + event + "]}]}");
    }

    /** Like {@link #messaging} on an Instagram account. */
    static byte[] instagram(String event) {
        return utf8("{\"object\":\"instagram\",\"entry\":[{\"id\":\"IGID\",\"time\":1700000000000,\"messaging\":["
                + event + "]}]}");
    }

    /** An event from person "USER" to page "PAGE" at 1700000000001, plus {@code body} ({@code "kind":{...}}). */
    static String event(String body) {
        return "{\"sender\":{\"id\":\"USER\"},\"recipient\":{\"id\":\"PAGE\"},\"timestamp\":1700000000001,"
                + body + "}";
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper().enable(
                    com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * The same event with no raw JSON in its header (an untyped event keeps it, in a canonical form, and loses
     * its path) and every {@code ...Json} text in a canonical form, to compare with an event built in code.
     */
    @SuppressWarnings("unchecked")
    static <T> T withoutRaw(T value) {
        if (value instanceof dev.baton.event.WebhookBatch batch) {
            return (T) new dev.baton.event.WebhookBatch(batch.platform(),
                    batch.entries().stream().map(Fixtures::withoutRaw).toList());
        }
        if (value instanceof dev.baton.event.WebhookEntry entry) {
            return (T) new dev.baton.event.WebhookEntry(entry.pageId(), entry.time(),
                    entry.events().stream().map(Fixtures::withoutRaw).toList(), entry.hopContext());
        }
        if (value instanceof dev.baton.event.UnknownEvent unknown) {
            return (T) new dev.baton.event.UnknownEvent(unknown.header().withRaw(
                    dev.baton.event.RawJson.of(canonical(unknown.rawJson()))), unknown.reason(), "");
        }
        if (value instanceof java.util.List<?> list) {
            return (T) list.stream().map(Fixtures::withoutRaw).toList();
        }
        if (value instanceof dev.baton.event.EventHeader header) {
            return (T) header.withRaw(dev.baton.event.RawJson.NONE);
        }
        if (value == null || !value.getClass().isRecord()) {
            return value;
        }
        try {
            java.lang.reflect.RecordComponent[] components = value.getClass().getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                Object item = components[i].getAccessor().invoke(value);
                values[i] = item instanceof String text && components[i].getName().endsWith("Json")
                        ? canonical(text) : withoutRaw(item);
            }
            return (T) value.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String canonical(String json) {
        try {
            return MAPPER.readTree(json).toString();
        } catch (java.io.IOException e) {
            return json;
        }
    }
}
