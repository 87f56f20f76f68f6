package dev.baton.inboxbridge.helpdesk;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature both directions of the generic helpdesk protocol carry: header
 * {@value #HEADER}{@code : sha256=<lower-case hex HMAC-SHA256 of the raw body>}, keyed with the shared
 * signing secret (the same scheme Meta uses for webhooks). Verification is constant-time.
 */
public final class HelpdeskSignature {

    public static final String HEADER = "X-Baton-Signature-256";
    private static final String PREFIX = "sha256=";

    private final byte[] key;

    public HelpdeskSignature(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the helpdesk signing secret must be at least 16 characters");
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The header value for {@code body}. */
    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(body));
    }

    /** True when {@code headerValue} is a well-formed, matching signature of {@code body}. */
    public boolean verify(byte[] body, String headerValue) {
        if (headerValue == null || !headerValue.startsWith(PREFIX) || headerValue.length() != PREFIX.length() + 64) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(headerValue.substring(PREFIX.length()));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(given, hmac(body));
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "HelpdeskSignature[****]";
    }
}
