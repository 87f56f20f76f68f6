package dev.baton.webhook;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) for one secret on one thread, written into a caller's buffer without allocating:
 * {@code javax.crypto.Mac} builds the inner digest in a new array on every call. Not thread-safe; held per
 * thread by {@link WebhookSignature}. Agrees with the JDK's HmacSHA256 for keys of any length (pinned by tests).
 */
final class Sha256Hmac {

    static final int LENGTH = 32;
    private static final int BLOCK = 64;

    private final MessageDigest inner = sha256();
    private final MessageDigest outer = sha256();
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] innerHash = new byte[LENGTH];

    Sha256Hmac(String secret) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length > BLOCK) {
            key = sha256().digest(key); // RFC 2104: a key longer than the block is hashed first
        }
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            innerPad[i] = (byte) (k ^ 0x36);
            outerPad[i] = (byte) (k ^ 0x5c);
        }
        Arrays.fill(key, (byte) 0);
    }

    /** Writes the MAC of {@code body} into {@code out[0..32)}. */
    void sign(byte[] body, byte[] out) {
        try {
            inner.update(innerPad);
            inner.update(body);
            inner.digest(innerHash, 0, LENGTH);
            outer.update(outerPad);
            outer.update(innerHash);
            outer.digest(out, 0, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 refused a 32-byte output buffer", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
