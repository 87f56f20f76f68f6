package dev.baton.graph.setup;

import java.util.List;

/**
 * What {@code GET /debug_token} says about a token (platform-facts §9); never the token itself.
 *
 * @param valid     {@code is_valid}
 * @param appId     the app the token was issued to
 * @param type      {@code PAGE}, {@code USER}, {@code APP}... (null when Meta leaves it out)
 * @param profileId for a Page token, the Page it stands for
 * @param scopes    the permissions granted
 * @param expiresAt UNIX seconds, 0 for a token that does not expire
 * @param error     Meta's reason when not valid, else null
 */
public record TokenInfo(boolean valid, String appId, String type, String profileId, List<String> scopes,
                        long expiresAt, String error) {
    public TokenInfo {
        scopes = List.copyOf(scopes);
    }
}
