package dev.baton.graph;

import static java.util.Objects.requireNonNull;

/**
 * What one hosted app needs to call the Graph API for the Page: its Meta app id, the Page access token it
 * was given, and its app secret (for {@code appsecret_proof}; null when not known). {@link #toString()}
 * never shows the token or the secret.
 */
public record GraphCredentials(String appId, String accessToken, String appSecret) {

    public GraphCredentials {
        requireNonNull(appId, "appId is null");
        requireNonNull(accessToken, "accessToken is null");
        if (accessToken.isBlank()) {
            throw new IllegalArgumentException("accessToken for app " + appId + " is blank");
        }
        if (appSecret != null && appSecret.isBlank()) {
            appSecret = null;
        }
    }

    @Override
    public String toString() {
        return "GraphCredentials[appId=" + appId + ", accessToken=****, appSecret=" + (appSecret == null ? "none" : "****")
                + "]";
    }
}
