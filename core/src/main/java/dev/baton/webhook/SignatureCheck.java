package dev.baton.webhook;

/** The outcome of checking an {@code X-Hub-Signature-256} header against a body. */
public enum SignatureCheck {
    /** The header holds the HMAC-SHA256 of the body with the app secret. */
    VALID,
    /** No header, or an empty one. */
    MISSING,
    /** Not {@code sha256=} followed by 64 hex digits. */
    MALFORMED,
    /** Well-formed, but not the body's signature under this secret. */
    MISMATCH;

    public boolean isValid() {
        return this == VALID;
    }
}
