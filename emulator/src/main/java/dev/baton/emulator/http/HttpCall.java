package dev.baton.emulator.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.util.LinkedHashMap;
import java.util.Map;

/** One request, free of server types: method, raw path, decoded query, lower-cased headers and the body. */
record HttpCall(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {

    String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    String contentType() {
        String type = header("content-type");
        return type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code a=1&b=2} decoded; later duplicates win. */
    static Map<String, String> parseForm(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.put(URLDecoder.decode(key, UTF_8), URLDecoder.decode(value, UTF_8));
        }
        return values;
    }
}
