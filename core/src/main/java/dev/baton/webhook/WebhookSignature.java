package dev.baton.webhook;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Meta's webhook signatures: {@code X-Hub-Signature-256: sha256=<hex>}, the HMAC-SHA256 of the raw body
 * bytes keyed with the app secret (and the legacy {@code X-Hub-Signature: sha1=<hex>}).
 *
 * <p>Always check the bytes exactly as received: Meta signs the body as it sends it, with non-ASCII
 * characters escaped as {@code \\uXXXX}; a re-serialised body would not match.
 *
 * <p>Thread-safe. Keys are cached per secret and a {@code javax.crypto.Mac} per thread, so a check costs
 * one HMAC over the body and no string building; the comparison is {@code MessageDigest.isEqual}. Neither the secret nor the expected signature ever appears in a result,
 * an exception message or a log line.
 */
public final class WebhookSignature {

    private static final String SHA256_PREFIX = "sha256=";
    private static final String SHA1_PREFIX = "sha1=";
    private static final int SHA256_LENGTH = 32;
    private static final MacCache SHA256 = new MacCache("HmacSHA256");
    private static final MacCache SHA1 = new MacCache("HmacSHA1");

    private WebhookSignature() {}

    /** The header value Meta would send for {@code body}: {@code sha256=} and 64 lowercase hex digits. */
    public static String sha256Header(byte[] body, String appSecret) {
        return SHA256_PREFIX + HexFormat.of().formatHex(SHA256.sign(requireNonNull(body, "body is null"), appSecret));
    }

    /** The legacy {@code X-Hub-Signature} value: {@code sha1=} and 40 lowercase hex digits. */
    public static String sha1Header(byte[] body, String appSecret) {
        return SHA1_PREFIX + HexFormat.of().formatHex(SHA1.sign(requireNonNull(body, "body is null"), appSecret));
    }

    /**
     * Checks {@code signature256HeaderValue} (the whole header value, {@code sha256=...}; null when the
     * header is absent) against the HMAC-SHA256 of {@code body}. The comparison takes the same time
     * wherever the first differing byte is. Surrounding white space is ignored (HTTP allows it around a
     * header value); hex digits may be upper or lower case.
     *
     * @throws NullPointerException if body or appSecret is null
     * @throws IllegalArgumentException if appSecret is empty
     */
    public static SignatureCheck verify(byte[] body, String signature256HeaderValue, String appSecret) {
        requireNonNull(body, "body is null");
        // Checked first, so a misconfigured app fails loudly whatever the request holds.
        SHA256.checkSecret(appSecret);
        if (signature256HeaderValue == null || signature256HeaderValue.isBlank()) {
            return SignatureCheck.MISSING;
        }
        // Bounds instead of strip(): the header is looked at in place.
        int end = signature256HeaderValue.length();
        while (Character.isWhitespace(signature256HeaderValue.charAt(end - 1))) {
            end--; // not blank, so a non-white char stops both loops
        }
        int start = 0;
        while (Character.isWhitespace(signature256HeaderValue.charAt(start))) {
            start++;
        }
        if (!signature256HeaderValue.startsWith(SHA256_PREFIX, start)
                || end - start - SHA256_PREFIX.length() != SHA256_LENGTH * 2) {
            return SignatureCheck.MALFORMED;
        }
        int hexStart = start + SHA256_PREFIX.length();
        if (!isHex(signature256HeaderValue, hexStart, end)) {
            return SignatureCheck.MALFORMED;
        }
        byte[] given = HexFormat.of().parseHex(signature256HeaderValue, hexStart, end);
        byte[] expected = SHA256.signShared(body, appSecret);
        // MessageDigest.isEqual takes the same time wherever the first difference is.
        return MessageDigest.isEqual(expected, given) ? SignatureCheck.VALID : SignatureCheck.MISMATCH;
    }

    private static boolean isHex(String text, int from, int to) {
        int invalid = 0;
        for (int i = from; i < to; i++) {
            invalid |= nibble(text.charAt(i));
        }
        // nibble() answers -1 for a non-hex char, which sets every bit of invalid, including the sign bit.
        return invalid >= 0;
    }

    private static int nibble(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
