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
 * into a per-thread buffer. (The JDK's HMAC allocates its inner digest on each {@code doFinal}, 48 bytes; a
 * hand-written HMAC that avoided it saved nothing measurable end to end, see docs/BENCHMARKS.md.)
 */
final class MacCache {

    private static final int MAX_SECRETS_PER_THREAD = 32;

    private final String algorithm;
    private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(HashMap::new);
    private final ThreadLocal<byte[]> results;

    MacCache(String algorithm) {
        this.algorithm = algorithm;
        int length = newMac().getMacLength(); // fail at class-initialisation time if the JDK lacks the algorithm
        this.results = ThreadLocal.withInitial(() -> new byte[length]);
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
