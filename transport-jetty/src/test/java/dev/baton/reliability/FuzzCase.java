package dev.baton.reliability;

import static java.util.Objects.requireNonNull;

/** One request the fuzzer makes: a body, how its signature header is made, and what was done to it. */
record FuzzCase(int number, byte[] body, Signing signing, String mutation) {

    FuzzCase {
        requireNonNull(body, "body is null");
        requireNonNull(signing, "signing is null");
        requireNonNull(mutation, "mutation is null");
    }

    /** How the {@code X-Hub-Signature-256} header is made for the case's body. */
    enum Signing {
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

    @Override
    public String toString() {
        return "case " + number + " (" + mutation + ", " + signing + ", " + body.length + " bytes)";
    }
}
