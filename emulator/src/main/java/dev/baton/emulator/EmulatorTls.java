package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The key and certificate the emulator serves HTTPS with: from a keystore the user gives (PKCS12 or JKS), or
 * a self-signed one made at start-up for {@code localhost}, {@code 127.0.0.1} and {@code ::1}.
 *
 * <p>The self-signed certificate is made by the JDK's own {@code keytool}, run as a subprocess, rather than
 * by BouncyCastle: the JDK has no public API to build a certificate, keytool is in every JDK (the emulator
 * is a developer tool, run by a JDK), and it keeps two jars of several megabytes out of the runnable jar and
 * out of every consumer's test classpath. Where keytool is missing (a trimmed runtime), start-up fails with
 * a message pointing at {@code --tls-keystore}.
 *
 * <p>The password is held only to hand to the TLS engine; {@link #toString()} never shows it.
 */
public final class EmulatorTls {

    private static final List<String> SELF_SIGNED_NAMES = List.of("dns:localhost", "ip:127.0.0.1", "ip:0:0:0:0:0:0:0:1");

    private final KeyStore keyStore;
    private final char[] password;
    private final X509Certificate certificate;

    private EmulatorTls(KeyStore keyStore, char[] password) {
        this.keyStore = keyStore;
        this.password = password.clone();
        this.certificate = firstCertificate(keyStore);
    }

    /** A keystore file (type from its content: PKCS12 or JKS) whose first key entry is served. */
    public static EmulatorTls fromKeystore(Path keystore, String password) {
        requireNonNull(keystore, "keystore is null");
        requireNonNull(password, "password is null");
        try {
            KeyStore store = KeyStore.getInstance(keystore.toFile(), password.toCharArray());
            return new EmulatorTls(store, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the TLS keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    /** A fresh self-signed certificate (EC P-256, valid 30 days), made with the running JDK's keytool. */
    public static EmulatorTls selfSigned() {
        Path keytool = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name", "").startsWith("Windows") ? "keytool.exe" : "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IllegalStateException("no keytool at " + keytool + " to make a self-signed certificate;"
                    + " give one with --tls-keystore");
        }
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Path directory = null;
        try {
            directory = Files.createTempDirectory("baton-emulator-tls");
            Path file = directory.resolve("emulator.p12");
            ProcessBuilder builder = new ProcessBuilder(keytool.toString(), "-genkeypair", "-noprompt",
                    "-alias", "baton-emulator", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                    "-dname", "CN=localhost, O=Baton emulator", "-ext", "SAN=" + String.join(",", SELF_SIGNED_NAMES),
                    "-storetype", "PKCS12", "-keystore", file.toString(),
                    // keytool reads :env passwords from its environment, so the password is never on a command line.
                    "-storepass:env", "BATON_TLS_PASSWORD", "-keypass:env", "BATON_TLS_PASSWORD")
                    .redirectErrorStream(true);
            builder.environment().put("BATON_TLS_PASSWORD", password);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output;
            try (InputStream in = process.getInputStream()) {
                output = in.readAllBytes();
            }
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool could not make a certificate: "
                        + new String(output, java.nio.charset.StandardCharsets.UTF_8).strip());
            }
            return fromKeystore(file, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a self-signed certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a self-signed certificate", e);
        } finally {
            deleteQuietly(directory);
        }
    }

    /** The served certificate, for a client's trust store. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-256 over the DER certificate, as {@code AB:CD:…} (what browsers and {@code keytool -list} show). */
    public String fingerprintSha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint the certificate", e);
        }
    }

    /** The certificate in PEM, to save for {@code curl --cacert} or a client's trust store. */
    public String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the certificate", e);
        }
    }

    /** A trust store holding only this certificate, for a client that should trust the emulator. */
    public KeyStore trustStore() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("baton-emulator", certificate);
            return trust;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
    }

    /** An SSL context that trusts this certificate only: for a client in a test ({@code HttpClient}, {@code HttpsURLConnection}). */
    public javax.net.ssl.SSLContext clientSslContext() {
        try {
            javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build an SSL context", e);
        }
    }

    /** For the HTTP server only. */
    public KeyStore keyStore() {
        return keyStore;
    }

    /** For the HTTP server only: a copy of the keystore password. */
    public char[] password() {
        return password.clone();
    }

    @Override
    public String toString() {
        return "EmulatorTls[" + certificate.getSubjectX500Principal().getName() + ", SHA-256 " + fingerprintSha256() + "]";
    }

    private static X509Certificate firstCertificate(KeyStore store) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Certificate certificate = store.getCertificate(alias);
                    if (certificate instanceof X509Certificate x509) {
                        return x509;
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the TLS keystore: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("the TLS keystore holds no private key with an X.509 certificate");
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // A temporary directory left behind holds a key nobody else knows the password of.
        }
    }
}
