package dev.baton.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request to an {@link AppEndpoint}.
 *
 * @param method  the HTTP method, upper case
 * @param path    the path below {@code /apps/{app-name}}, starting with {@code /} (just {@code /} for the root)
 * @param headers header names (any case) to their values
 * @param body    the raw body, empty when there is none
 */
public record AppEndpointRequest(String method, String path, Map<String, List<String>> headers, byte[] body) {

    public AppEndpointRequest {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    /** The first value of a header, whatever the case of its name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        // Bodies and headers may carry signatures and personal data: never printed.
        return "AppEndpointRequest[" + method + " " + path + ", " + body.length + " bytes]";
    }
}
