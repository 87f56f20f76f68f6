package dev.baton.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** The {@code server.tls:} section: a PKCS#12 or JKS keystore and its password (a secret: never printed). */
public record TlsSettings(Path keystore, String keystorePassword) {
    public TlsSettings {
        requireNonNull(keystore, "keystore is null");
        requireNonNull(keystorePassword, "keystorePassword is null");
    }

    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + ", keystorePassword=****]";
    }
}
