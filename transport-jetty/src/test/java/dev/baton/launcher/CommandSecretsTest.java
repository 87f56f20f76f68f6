package dev.baton.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher in a child JVM at DEBUG, as an operator runs it: {@code setup --dry-run}, {@code setup},
 * {@code doctor}, {@code doctor} with a token Meta does not know, and a config error. Like the crash test's
 * DEBUG run of serving, none of the output may hold an app secret, Page token, verify token or app token.
 */
class CommandSecretsTest {

    @TempDir
    Path dir;

    @Test
    void neitherCommandPrintsASecretEvenAtDebugAndOnErrors() throws Exception {
        try (SetupFixture fixture = SetupFixture.start()) {
            Path logback = dir.resolve("logback-debug.xml");
            Files.writeString(logback, """
                    <configuration>
                      <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%-5level %logger - %msg%n</pattern></encoder>
                      </appender>
                      <root level="DEBUG"><appender-ref ref="OUT"/></root>
                    </configuration>
                    """);
            Path config = dir.resolve("page.yaml");
            Files.writeString(config, SetupFixture.yaml("default", "custom"));
            Map<String, String> environment = new LinkedHashMap<>(fixture.environment);

            StringBuilder output = new StringBuilder();
            assertThat(run(logback, environment, output, "setup", "--dry-run", config.toString())).isZero();
            assertThat(run(logback, environment, output, "setup", config.toString())).isZero();
            assertThat(run(logback, environment, output, "doctor", config.toString())).isZero();
            Map<String, String> unknownToken = new LinkedHashMap<>(environment);
            unknownToken.put("SHOP_TOKEN", "EAAunknown-to-meta-token-0f");
            assertThat(run(logback, unknownToken, output, "doctor", config.toString())).isEqualTo(1);
            assertThat(run(logback, unknownToken, output, "setup", config.toString())).isEqualTo(1);
            Map<String, String> missing = new LinkedHashMap<>(environment);
            missing.remove("HELPER_VERIFY");
            assertThat(run(logback, missing, output, "doctor", config.toString())).isEqualTo(2);

            String all = output.toString();
            assertThat(all).as("the child logged at DEBUG").contains("DEBUG dev.baton.graph.GraphHttp");
            assertThat(all).contains("doctor: 11 OK, 0 WARN, 0 FAIL").contains("FAIL  token shop")
                    .contains("apps[1].verifyToken: environment variable HELPER_VERIFY is not set");
            List<String> secrets = new ArrayList<>(environment.entrySet().stream()
                    .filter(entry -> entry.getKey().endsWith("_SECRET") || entry.getKey().endsWith("_TOKEN")
                            || entry.getKey().endsWith("_VERIFY")).map(Map.Entry::getValue).toList());
            secrets.add("EAAunknown-to-meta-token-0f");
            for (String secret : secrets) {
                assertThat(all).as("command output").doesNotContain(secret);
            }
        }
    }

    private static int run(Path logback, Map<String, String> environment, StringBuilder output, String... args)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + logback, "-cp", System.getProperty("java.class.path"),
                "dev.baton.launcher.PageLauncher"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] bytes = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        output.append(new String(bytes, StandardCharsets.UTF_8));
        return process.exitValue();
    }
}
