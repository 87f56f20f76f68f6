package dev.baton.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One Graph API call a deployment under test made, as the emulator answered it. {@code appId} is the calling
 * app (told by its access token, which is never kept); {@code errorCode}/{@code errorSubcode} are Meta's
 * error envelope fields, 0 when the call succeeded.
 */
public record GraphCall(String appId, String method, String path, int status, int errorCode, int errorSubcode,
                        String errorMessage, Instant at) {

    public GraphCall {
        requireNonNull(appId, "appId is null");
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(at, "at is null");
    }

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    /**
     * Meta refused the call because the app does not own the thread: a send while another app controls it
     * ({@code 10/2018300}, or bare 2018300), or a pass/release by a non-owner ({@code 100/2534037}).
     */
    public boolean refusedAsNotOwner() {
        return errorSubcode == 2018300 || errorCode == 2018300 || (errorCode == 100 && errorSubcode == 2534037);
    }

    /** A Send API call ({@code .../messages}). */
    public boolean isSend() {
        return path.endsWith("/messages");
    }
}
