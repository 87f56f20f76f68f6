package dev.baton.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;

/**
 * Opens the TLS keystore before Jetty does, so that a missing file, a wrong password, a file of another type
 * or a keystore without a private key stops start-up with a message saying which, naming the file but never
 * the password. Jetty's own failure for these is a bare "keystore password was incorrect" deep in a stack,
 * or worse, a server that starts and then fails every handshake.
 */
final class TlsKeystore {

    private TlsKeystore() {}

    /** Throws {@link IllegalArgumentException} (message prefixed {@code server.tls}) unless the keystore serves. */
    static void check(TlsOptions tls) {
        Path file = tls.keystore();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("server.tls.keystore: no readable keystore file at " + file);
        }
        char[] password = tls.keystorePassword().toCharArray();
        KeyStore store = load(tls, file, password);
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    store.getKey(alias, password); // Jetty unlocks the key with the keystore's password too
                    return;
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("server.tls.keystore: the private key in " + file
                    + " has a password other than the keystore's; Jetty needs them to be the same", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("server.tls.keystore: cannot read the key in " + file, e);
        }
        throw new IllegalArgumentException("server.tls.keystore: " + file
                + " holds no private key (a certificate alone cannot serve HTTPS)");
    }

    private static KeyStore load(TlsOptions tls, Path file, char[] password) {
        KeyStore store;
        try {
            store = KeyStore.getInstance(tls.keystoreType());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("server.tls: unknown keystore type " + tls.keystoreType(), e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException("server.tls.keystorePassword: wrong password for the keystore "
                        + file, e);
            }
            throw new IllegalArgumentException("server.tls.keystore: cannot open " + file + " as a "
                    + tls.keystoreType() + " keystore (a wrong keystorePassword, or a file of another type)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("server.tls.keystore: cannot open " + file + " as a "
                    + tls.keystoreType() + " keystore", e);
        }
    }
}
