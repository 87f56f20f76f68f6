package dev.baton.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up check of the TLS keystore, on keystores made with the JDK's keytool. */
class TlsKeystoreTest {

    private static final String PASSWORD = "store-Pa55-unit";

    @TempDir
    Path dir;

    @Test
    void aKeystoreWithAKeyPassesAndOneWithOnlyACertificateIsRefused() throws Exception {
        Path withKey = dir.resolve("key.p12");
        keytool("-genkeypair", "-alias", "page", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", withKey.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD);
        assertThatCode(() -> TlsKeystore.check(new TlsOptions(withKey, PASSWORD))).doesNotThrowAnyException();

        Path certificate = dir.resolve("page.cer");
        keytool("-exportcert", "-alias", "page", "-keystore", withKey.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        Path certificateOnly = dir.resolve("cert-only.p12");
        keytool("-importcert", "-noprompt", "-alias", "page", "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", certificateOnly.toString(), "-storepass", PASSWORD);

        assertThatThrownBy(() -> TlsKeystore.check(new TlsOptions(certificateOnly, PASSWORD)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no private key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }

    @Test
    void anUnknownKeystoreTypeIsNamed() {
        assertThatThrownBy(() -> TlsKeystore.check(new TlsOptions(dir, PASSWORD, "NOPE")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no readable keystore file");
        Path file = dir.resolve("x.p12");
        assertThatThrownBy(() -> {
            java.nio.file.Files.writeString(file, "x");
            TlsKeystore.check(new TlsOptions(file, PASSWORD, "NOPE"));
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown keystore type NOPE");
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
