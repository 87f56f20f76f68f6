package dev.baton.webhook;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Initialised {@link Mac}s for one HMAC algorithm, one per thread and secret. {@code Mac.doFinal} resets
 * the Mac to its keyed state, so a cached one signs the next body without re-deriving the key pads.
 * A deployment hosts a handful of apps, so each thread's map stays tiny; it is cleared if it ever grows
 * past a bound (a process signing with many secrets, such as a test emulator). {@link #signShared} writes
 * into a per-thread buffer, so checking a webhook allocates nothing once the thread has its Mac.
 */
final class MacCache {

    private static final int MAX_SECRETS_PER_THREAD = 32;

    private final String algorithm;
    private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(HashMap::new);
    private final ThreadLocal<byte[]> results;
    /** Only for HmacSHA256, the algorithm webhooks are checked with; null for the others. */
    private final ThreadLocal<Map<String, Sha256Hmac>> sha256s;

    MacCache(String algorithm) {
        this.algorithm = algorithm;
        int length = newMac().getMacLength(); // fail at class-initialisation time if the JDK lacks the algorithm
        this.results = ThreadLocal.withInitial(() -> new byte[length]);
        this.sha256s = algorithm.equals("HmacSHA256") ? ThreadLocal.withInitial(HashMap::new) : null;
    }

    /** The MAC of {@code body} in a new array the caller may keep. */
    byte[] sign(byte[] body, String secret) {
        return mac(secret).doFinal(body);
    }

    /**
     * The MAC of {@code body} in this thread's result buffer: valid only until this thread's next call, and
     * never to be handed out of the package.
     */
    byte[] signShared(byte[] body, String secret) {
        byte[] result = results.get();
        if (sha256s != null) {
            // Mac.doFinal allocates the inner digest on every call; the hand-written HMAC does not.
            checkSecret(secret);
            Map<String, Sha256Hmac> perThread = sha256s.get();
            Sha256Hmac hmac = perThread.get(secret);
            if (hmac == null) {
                if (perThread.size() >= MAX_SECRETS_PER_THREAD) {
                    perThread.clear();
                }
                hmac = new Sha256Hmac(secret);
                perThread.put(secret, hmac);
            }
            hmac.sign(body, result);
            return result;
        }
        Mac mac = mac(secret);
        mac.update(body);
        try {
            mac.doFinal(result, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(algorithm + " wrote more than its MAC length", e);
        }
        return result;
    }

    private Mac mac(String secret) {
        checkSecret(secret);
        Map<String, Mac> perThread = macs.get();
        Mac mac = perThread.get(secret);
        if (mac == null) {
            if (perThread.size() >= MAX_SECRETS_PER_THREAD) {
                perThread.clear();
            }
            mac = keyed(secret);
            perThread.put(secret, mac);
        }
        return mac;
    }

    void checkSecret(String secret) {
        requireNonNull(secret, "appSecret is null");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("appSecret is empty");
        }
    }

    private Mac keyed(String secret) {
        Mac mac = newMac();
        try {
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
        } catch (InvalidKeyException e) {
            // The message of a key exception could describe the key; keep only the algorithm.
            throw new IllegalStateException(algorithm + " rejected the app secret", null);
        }
        return mac;
    }

    private Mac newMac() {
        try {
            return Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available in this JDK", e);
        }
    }
}
