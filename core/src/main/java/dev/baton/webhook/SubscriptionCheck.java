package dev.baton.webhook;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Meta's subscription handshake: {@code GET ?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...}
 * is answered 200 with the challenge when the token is this app's verify token, 403 otherwise.
 *
 * <p>Thread-safe, stateless. Tokens are compared through their SHA-256 digests with
 * {@link MessageDigest#isEqual}, so the time taken reveals neither a common prefix nor the expected
 * token's length.
 */
public final class SubscriptionCheck {

    /** Meta's challenge is a number; anything longer than this is not one. */
    static final int MAX_CHALLENGE_LENGTH = 512;

    private SubscriptionCheck() {}

    /**
     * The challenge to echo when {@code mode} is {@code subscribe} and {@code verifyToken} matches
     * {@code expectedVerifyToken}, else empty. Also empty when the challenge is missing, longer than
     * {@value #MAX_CHALLENGE_LENGTH} characters or holds anything but visible ASCII other than
     * {@code < > & " '}: the answer is reflected to the caller, so nothing that could be markup is echoed.
     * An empty expected token never matches.
     *
     * @throws NullPointerException if expectedVerifyToken is null (a configuration error, not bad input)
     */
    public static Optional<String> answer(String mode, String verifyToken, String challenge,
                                          String expectedVerifyToken) {
        requireNonNull(expectedVerifyToken, "expectedVerifyToken is null");
        boolean tokenMatches = verifyToken != null && !expectedVerifyToken.isEmpty()
                && MessageDigest.isEqual(digest(verifyToken), digest(expectedVerifyToken));
        if (!tokenMatches || !"subscribe".equals(mode) || !isSafeChallenge(challenge)) {
            return Optional.empty();
        }
        return Optional.of(challenge);
    }

    private static boolean isSafeChallenge(String challenge) {
        if (challenge == null || challenge.isEmpty() || challenge.length() > MAX_CHALLENGE_LENGTH) {
            return false;
        }
        for (int i = 0; i < challenge.length(); i++) {
            char c = challenge.charAt(i);
            if (c <= ' ' || c > '~' || c == '<' || c == '>' || c == '&' || c == '"' || c == '\'') {
                return false;
            }
        }
        return true;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
