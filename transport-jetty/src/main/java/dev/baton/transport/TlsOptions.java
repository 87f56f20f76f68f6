package dev.baton.transport;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A keystore for terminating HTTPS in Jetty. {@link #toString()} never shows the password.
 *
 * @param keystore         a PKCS12 (or JKS) file holding the certificate chain and its key
 * @param keystorePassword the keystore's password (a secret; pass it through an environment variable)
 * @param keystoreType     {@code PKCS12} unless told otherwise
 */
public record TlsOptions(Path keystore, String keystorePassword, String keystoreType) {

    public TlsOptions {
        requireNonNull(keystore, "keystore is null");
        requireNonNull(keystorePassword, "keystorePassword is null");
        requireNonNull(keystoreType, "keystoreType is null");
    }

    public TlsOptions(Path keystore, String keystorePassword) {
        this(keystore, keystorePassword, "PKCS12");
    }

    @Override
    public String toString() {
        return "TlsOptions[keystore=" + keystore + ", keystorePassword=***, keystoreType=" + keystoreType + "]";
    }
}
