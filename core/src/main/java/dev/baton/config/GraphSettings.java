package dev.baton.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the deployment talks to the Graph API. Every field has a default; a Page config's {@code graph:}
 * section maps onto this record (unknown keys are refused by the config loader).
 *
 * @param baseUrl            scheme and host, e.g. {@code https://graph.facebook.com} (a loopback URL for the emulator)
 * @param version            API version path segment, e.g. {@code v24.0}
 * @param threadControl      {@code send-api}, {@code handover-protocol} or {@code auto} (ask messaging_feature_status)
 * @param connectTimeout     TCP connect timeout
 * @param requestTimeout     whole-request timeout; a send that times out is surfaced, never retried
 * @param textCallsPerSecond Send API rate for text, links, reactions, stickers, per Page
 * @param mediaCallsPerSecond Send API rate for audio and video, per Page
 * @param maxWaitingCallers  callers allowed to wait for a rate-limit permit; beyond that, fail fast
 * @param maxRetries         retries of a call Meta says was not done (613, 1, 2, 4, 17, 32, 341, 5xx)
 * @param windowPolicy       {@code enforce} (refuse sends outside the messaging window locally) or {@code warn}
 * @param sendPath           where the Send API is posted: {@code page} ({@code /{page-id}/messages}, default) or
 *                           {@code me} ({@code /me/messages}: the node the Page access token stands for, the same
 *                           Page); config key {@code sendPath}, also accepted as {@code send_path}
 */
public record GraphSettings(
        String baseUrl,
        String version,
        String threadControl,
        Duration connectTimeout,
        Duration requestTimeout,
        int textCallsPerSecond,
        int mediaCallsPerSecond,
        int maxWaitingCallers,
        int maxRetries,
        String windowPolicy,
        String sendPath) {

    public static final GraphSettings DEFAULTS = new GraphSettings(
            "https://graph.facebook.com", "v24.0", "auto", Duration.ofSeconds(5), Duration.ofSeconds(30), 300, 10,
            1000, 3, "enforce", "page");

    /** Settings posting the Send API to {@code /{page-id}/messages}. */
    public GraphSettings(String baseUrl, String version, String threadControl, Duration connectTimeout,
            Duration requestTimeout, int textCallsPerSecond, int mediaCallsPerSecond, int maxWaitingCallers,
            int maxRetries, String windowPolicy) {
        this(baseUrl, version, threadControl, connectTimeout, requestTimeout, textCallsPerSecond, mediaCallsPerSecond,
                maxWaitingCallers, maxRetries, windowPolicy, "page");
    }

    public GraphSettings {
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(version, "version is null");
        requireNonNull(threadControl, "threadControl is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(windowPolicy, "windowPolicy is null");
        requireNonNull(sendPath, "sendPath is null");
        if (!sendPath.equals("page") && !sendPath.equals("me")) {
            throw new IllegalArgumentException("sendPath must be page or me, got '" + sendPath + "'");
        }
    }

    /** The path of the Send API for {@code pageId}: {@code {page-id}/messages} or {@code me/messages}. */
    public String messagesPath(String pageId) {
        return (sendPath.equals("me") ? "me" : pageId) + "/messages";
    }

    public GraphSettings withBaseUrl(String newBaseUrl) {
        return new GraphSettings(newBaseUrl, version, threadControl, connectTimeout, requestTimeout,
                textCallsPerSecond, mediaCallsPerSecond, maxWaitingCallers, maxRetries, windowPolicy, sendPath);
    }

    public GraphSettings withSendPath(String newSendPath) {
        return new GraphSettings(baseUrl, version, threadControl, connectTimeout, requestTimeout,
                textCallsPerSecond, mediaCallsPerSecond, maxWaitingCallers, maxRetries, windowPolicy, newSendPath);
    }
}
