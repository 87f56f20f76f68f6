package dev.baton.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.AppConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.DispatchSettings;
import dev.baton.config.PageConfig;
import dev.baton.config.PageSettings;
import dev.baton.config.ServerSettings;
import dev.baton.config.StoreSettings;
import dev.baton.config.TlsSettings;
import dev.baton.event.Platform;
import dev.baton.config.GraphSettings;
import dev.baton.runtime.PluginRegistry;
import dev.baton.spi.AppRole;
import dev.baton.webhook.WebhookSignature;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher serving HTTPS from a keystore made for the test (the JDK's keytool in a child process):
 * a signed webhook over TLS is accepted and dispatched; a wrong password or a missing file stops start-up
 * with a message that names the problem and never the password.
 */
class TlsEndToEndTest {

    private static final String PAGE = "1000";
    private static final String APP_ID = "111";
    private static final String SECRET = "app-secret-tls";
    private static final String PASSWORD = "ks-Pa55-word-tls";

    @TempDir
    static Path dir;
    private static Path keystore;

    @BeforeAll
    static void makeKeystore() throws Exception {
        keystore = dir.resolve("page.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "page", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void aSignedWebhookOverHttpsIsAcceptedAndDispatched() throws Exception {
        EchoPlugin echo = new EchoPlugin();
        RunningPage page = PageLauncher.start(config(new TlsSettings(keystore, PASSWORD)),
                builder -> builder.plugins(PluginRegistry.of(echo)));
        try {
            assertThat(page.baseUri().getScheme()).isEqualTo("https");
            byte[] batch = batch("m-tls-1", "over tls");
            HttpResponse<String> answer = trusting().send(HttpRequest.newBuilder(page.webhookUri("shop"))
                    .header("Content-Type", "application/json")
                    .header("X-Hub-Signature-256", WebhookSignature.sha256Header(batch, SECRET))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(batch)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.sslSession()).isPresent();
            assertThat(PageEndToEndTest.poll(() -> echo.handled.contains("over tls"))).isTrue();
            // a client that does not trust the certificate never gets to talk
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(page.webhookUri("shop"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(batch)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        } finally {
            page.stop();
        }
    }

    @Test
    void aWrongPasswordStopsStartUpWithAClearMessageThatHidesThePasswords() {
        String wrong = "not-the-Pa55word";
        assertThatThrownBy(() -> PageLauncher.start(config(new TlsSettings(keystore, wrong)), builder -> builder.plugins(PluginRegistry.of(new EchoPlugin()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server.tls.keystorePassword")
                .hasMessageContaining("wrong password")
                .hasMessageContaining(keystore.toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(PASSWORD));
    }

    @Test
    void aFileThatIsNotAKeystoreOrIsMissingIsNamed() throws Exception {
        Path notAKeystore = Files.writeString(dir.resolve("page.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertThatThrownBy(() -> PageLauncher.start(config(new TlsSettings(notAKeystore, PASSWORD)), builder -> builder.plugins(PluginRegistry.of(new EchoPlugin()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot open " + notAKeystore)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> PageLauncher.start(config(new TlsSettings(missing, PASSWORD)), builder -> builder.plugins(PluginRegistry.of(new EchoPlugin()))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.tls.keystore")
                .hasMessageContaining(missing.toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }

    private static PageConfig config(TlsSettings tls) throws Exception {
        GraphSettings graph = new GraphSettings("http://127.0.0.1:" + closedPort(), "v24.0", "handover-protocol",
                Duration.ofSeconds(1), Duration.ofSeconds(2), 300, 10, 100, 0, "warn");
        return new PageConfig(new PageSettings(PAGE, Platform.MESSENGER), null, graph,
                new ServerSettings("127.0.0.1", 0, 4096, Duration.ofSeconds(5), Duration.ofSeconds(30), 16,
                        Duration.ofSeconds(10), tls).withDrainPeriod(Duration.ZERO),
                StoreSettings.MEMORY,
                DispatchSettings.DEFAULTS.withWorkers(2),
                List.of(AppConfig.of("shop", "echo", APP_ID, AppRole.DEFAULT, SECRET, "page-token-tls", "verify-tls")));
    }

    /** An HTTP client trusting exactly the test's self-signed certificate. */
    private static HttpClient trusting() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Replies from the echo app go nowhere: the connection is refused at once and not retried. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static byte[] batch(String mid, String text) {
        return ("{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":1700000000000,\"messaging\":[{"
                + "\"sender\":{\"id\":\"p1\"},\"recipient\":{\"id\":\"" + PAGE + "\"},\"timestamp\":1700000000000,"
                + "\"message\":{\"mid\":\"" + mid + "\",\"text\":\"" + text + "\"}}]}]}").getBytes(StandardCharsets.UTF_8);
    }
}
