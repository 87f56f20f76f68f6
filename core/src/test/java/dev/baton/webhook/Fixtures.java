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
}
