package dev.baton.ingest;

import static java.util.Objects.requireNonNull;

/**
 * A hosted app's webhook endpoint credentials: its instance name (the path segment), its app secret (to
 * check signatures) and its verify token (to answer the subscription check). {@code toString()} hides both.
 */
public record IngestApp(String name, String appSecret, String verifyToken) {
    public IngestApp {
        requireNonNull(name, "name is null");
        requireNonNull(appSecret, "appSecret is null");
        requireNonNull(verifyToken, "verifyToken is null");
    }

    @Override
    public String toString() {
        return "IngestApp[name=" + name + ", appSecret=****, verifyToken=****]";
    }
}
