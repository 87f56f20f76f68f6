package dev.baton.reliability;

import static java.util.Objects.requireNonNull;

import dev.baton.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One request the fuzzer makes: a body, how its signature header is made, and what was done to it. */
public record FuzzCase(int number, byte[] body, Signing signing, String mutation) {

    public FuzzCase {
        requireNonNull(body, "body is null");
        requireNonNull(signing, "signing is null");
        requireNonNull(mutation, "mutation is null");
    }

    /** How the {@code X-Hub-Signature-256} header is made for the case's body. */
    public enum Signing {
        /** Right secret, over the bytes as sent: the body reaches the parser. */
        VALID,
        MISSING,
        /** A well-formed signature made with another secret. */
        WRONG_SECRET,
        /** Signed over the body before it was mutated. */
        STALE,
        MALFORMED,
        /** Only the legacy {@code X-Hub-Signature} (sha1) header. */
        SHA1_ONLY,
        EMPTY,
        /** The header twice: a wrong value and the right one. */
        DUPLICATED
    }

    /**
     * The {@code X-Hub-Signature-256} value as a transport would hand it over (repeated headers joined by a
     * comma), made for this case's body with the app's real {@code secret}; null when the header is absent.
     */
    public String signatureHeader(String secret) {
        return switch (signing) {
            case VALID -> WebhookSignature.sha256Header(body, secret);
            case MISSING, SHA1_ONLY -> null;
            case WRONG_SECRET -> WebhookSignature.sha256Header(body, "not-the-secret");
            case STALE -> WebhookSignature.sha256Header(staleBody(), secret);
            case MALFORMED -> "sha256=" + "zz".repeat(32);
            case EMPTY -> "";
            case DUPLICATED -> WebhookSignature.sha256Header(body, "not-the-secret") + ","
                    + WebhookSignature.sha256Header(body, secret);
        };
    }

    /** The body with one byte more: a signature over it is stale for the body actually sent. */
    private byte[] staleBody() {
        byte[] extra = "x".getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(body, body.length + extra.length);
        System.arraycopy(extra, 0, all, body.length, extra.length);
        return all;
    }

    @Override
    public String toString() {
        return "case " + number + " (" + mutation + ", " + signing + ", " + body.length + " bytes)";
    }
}
