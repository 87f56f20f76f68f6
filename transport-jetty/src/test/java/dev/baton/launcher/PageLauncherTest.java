package dev.baton.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up fails fast with one line naming the problem, a non-zero exit code, and no secret. */
class PageLauncherTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    static final String CONFIG = """
            page: { id: "1000", platform: messenger }
            store: { type: memory }
            server: { host: 127.0.0.1, port: 0 }
            apps:
              - { name: shop, plugin: %s, appId: "111", role: default,
                  secret: "${SHOP_SECRET}", accessToken: "token-in-file", verifyToken: "verify-in-file" }
            """;

    int run(Map<String, String> environment, String... args) {
        return PageLauncher.run(args, environment, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String output() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noConfigPathIsAConfigError() {
        assertThat(run(Map.of())).isEqualTo(PageLauncher.EXIT_CONFIG);
        assertThat(output()).contains(PageLauncher.CONFIG_ENV).hasLineCount(1);
    }

    @Test
    void anUnknownKeyIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("page.yaml"), CONFIG.formatted("echo") + "colour: blue\n");
        assertThat(run(Map.of("SHOP_SECRET", "s3cr3t-value"), file.toString())).isEqualTo(PageLauncher.EXIT_CONFIG);
        assertThat(output()).contains("colour").hasLineCount(1).doesNotContain("s3cr3t-value");
    }

    @Test
    void aMissingSecretVariableIsNamedAndTheConfigComesFromTheEnvironmentVariable() throws Exception {
        Path file = Files.writeString(dir.resolve("page.yaml"), CONFIG.formatted("echo"));
        assertThat(run(Map.of(PageLauncher.CONFIG_ENV, file.toString()))).isEqualTo(PageLauncher.EXIT_CONFIG);
        assertThat(output()).contains("SHOP_SECRET").hasLineCount(1);
    }

    @Test
    void aPluginMissingFromTheClassPathIsNamedWithoutSecrets() throws Exception {
        Path file = Files.writeString(dir.resolve("page.yaml"), CONFIG.formatted("no-such-plugin"));
        assertThat(run(Map.of("SHOP_SECRET", "s3cr3t-value"), file.toString())).isEqualTo(PageLauncher.EXIT_CONFIG);
        assertThat(output()).contains("no-such-plugin").hasLineCount(1)
                .doesNotContain("s3cr3t-value").doesNotContain("token-in-file").doesNotContain("verify-in-file");
    }

    @Test
    void aServerValueJettyCannotUseIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("page.yaml"),
                CONFIG.formatted("echo").replace("port: 0 }", "port: 0, maxThreads: 2 }"));
        assertThat(run(Map.of("SHOP_SECRET", "s3cr3t-value"), file.toString())).isEqualTo(PageLauncher.EXIT_CONFIG);
        assertThat(output()).contains("server.maxThreads").hasLineCount(1);
    }

    @Test
    void aNegativeWarmupIsRefusedNamingTheKey() throws Exception {
        Path file = Files.writeString(dir.resolve("page.yaml"),
                CONFIG.formatted("echo").replace("port: 0 }", "port: 0, warmup: PT-5S }"));
        assertThat(run(Map.of("SHOP_SECRET", "s3cr3t-value"), file.toString())).isEqualTo(PageLauncher.EXIT_CONFIG);
        assertThat(output()).contains("server.warmup").contains("must not be negative").hasLineCount(1)
                .doesNotContain("s3cr3t-value");
    }

    @Test
    void aWarmupThatIsNotADurationIsRefusedNamingTheKey() throws Exception {
        Path file = Files.writeString(dir.resolve("page.yaml"),
                CONFIG.formatted("echo").replace("port: 0 }", "port: 0, warmup: soon }"));
        assertThat(run(Map.of("SHOP_SECRET", "s3cr3t-value"), file.toString())).isEqualTo(PageLauncher.EXIT_CONFIG);
        assertThat(output()).contains("server.warmup").hasLineCount(1);
    }
}
