package dev.baton.emulator.engine;

import static java.util.Objects.requireNonNull;

/**
 * An error the emulated Graph API answers with, in Meta's envelope
 * ({@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}). {@code subcode} 0 means none.
 * Messages never contain a token or secret.
 */
public record GraphError(int httpStatus, int code, int subcode, String type, String message) {

    public GraphError {
        requireNonNull(type, "type is null");
        requireNonNull(message, "message is null");
    }

    public GraphApiException exception() {
        return new GraphApiException(this);
    }

    public static GraphError invalidToken() {
        return new GraphError(400, 190, 0, "OAuthException", "Invalid OAuth access token - Cannot parse access token");
    }

    public static GraphError badAppSecretProof() {
        return new GraphError(400, 100, 0, "GraphMethodException", "Invalid appsecret_proof provided in the API argument");
    }

    public static GraphError invalidParameter(String why) {
        return new GraphError(400, 100, 0, "OAuthException", "(#100) " + why);
    }

    public static GraphError noMatchingUser() {
        return new GraphError(400, 100, 2018001, "OAuthException", "(#100) No matching user found");
    }

    public static GraphError objectNotFound(String id) {
        return new GraphError(400, 100, 33, "GraphMethodException", "Unsupported request. Object with ID '" + id
                + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation");
    }

    public static GraphError unknownPath(String path) {
        return new GraphError(400, 2500, 0, "OAuthException", "Unknown path components: " + path);
    }

    public static GraphError outsideWindow() {
        return new GraphError(400, 10, 2018278, "OAuthException",
                "(#10) This message is sent outside of allowed window. Learn more about the new policy here: "
                        + "https://developers.facebook.com/docs/messenger-platform/policy-overview");
    }

    public static GraphError anotherAppControls() {
        return new GraphError(400, 10, 2018300, "OAuthException",
                "(#10) Message failed to send because another app is controlling this thread now.");
    }

    public static GraphError notThreadOwner() {
        return new GraphError(400, 100, 2534037, "OAuthException",
                "(#100) The action is invalid since it's not the thread owner.");
    }

    /** The seed's error for take/request/extend/metadata-only pass on a Page with a default app. */
    public static GraphError handoverProtocolDisabled() {
        return new GraphError(400, 27, 0, "OAuthException", "(#27) Handover Protocol APIs disabled for this page.");
    }

    /** take_thread_control on a Page without a default app (field reports show code 27 here too). */
    public static GraphError notSupportedWithoutConversationRouting(String api) {
        return new GraphError(400, 27, 0, "OAuthException",
                "(#27) " + api + " is not supported when Conversation Routing is not enabled");
    }

    public static GraphError rateLimited() {
        return new GraphError(400, 613, 2534040, "OAuthException", "(#613) Calls to this api have exceeded the rate limit.");
    }

    /** What an injected 5xx fault answers: Meta's transient error, nothing done. */
    public static GraphError temporary() {
        return new GraphError(500, 2, 0, "OAuthException", "An unexpected error has occurred. Please retry your request later.");
    }
}
