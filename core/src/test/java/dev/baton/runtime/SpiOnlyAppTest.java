package dev.baton.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.PageConfig;
import dev.baton.config.PageConfigLoader;
import dev.baton.spi.AppPlugin;
import dev.baton.testing.TestEvents;
import dev.baton.webhook.WebhookSignature;
import dev.baton.webhook.WebhookWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app written against baton-spi alone: its source is compiled here with nothing but baton-spi on the class
 * path (so it cannot use Guice or any runtime type), found by ServiceLoader from its own jar-like directory,
 * and run in a real deployment: a signed webhook in, its reply out, its resources closed at shutdown.
 */
class SpiOnlyAppTest {

    private static final String PLUGIN_SOURCE = """
            package spionly;

            import dev.baton.event.MessageEvent;
            import dev.baton.spi.AppContext;
            import dev.baton.spi.AppPlugin;
            import dev.baton.spi.Conversation;
            import dev.baton.spi.ConversationApp;
            import java.util.List;
            import java.util.concurrent.CopyOnWriteArrayList;
            %s

            public final class EchoPlugin implements AppPlugin {
                public record Settings(String prefix) {}

                public static final List<String> CLOSED = new CopyOnWriteArrayList<>();

                @Override
                public String name() {
                    return "spi-echo";
                }

                @Override
                public ConversationApp create(AppContext context) {
                    Settings settings = context.settings(Settings.class, new Settings("echo"));
                    context.closeOnShutdown(() -> CLOSED.add("connection of " + context.app().name()));
                    return new App(settings.prefix(), context.app().appId());
                }

                static final class App implements ConversationApp, AutoCloseable {
                    private final String prefix;
                    private final String appId;

                    App(String prefix, String appId) {
                        this.prefix = prefix;
                        this.appId = appId;
                    }

                    @Override
                    public void onMessage(MessageEvent event, Conversation conversation) {
                        conversation.reply(prefix + ": " + event.message().text() + " (" + appId + ")");
                    }

                    @Override
                    public void close() {
                        CLOSED.add("app " + appId);
                    }
                }
            }
            """;

    private static final String CONFIG = """
            page: { id: "100", platform: messenger }
            store: { type: memory }
            apps:
              - { name: echo, plugin: spi-echo, appId: "111", role: default, secret: "${SECRET}",
                  accessToken: "${TOKEN}", verifyToken: "${VERIFY}", settings: { prefix: "you said" } }
            """;

    @TempDir
    Path pluginJar;

    @Test
    void anAppCompiledAgainstTheSpiAloneLoadsRunsAndIsClosed() throws Exception {
        String errors = compile(PLUGIN_SOURCE.formatted(""));
        assertThat(errors).isEmpty();
        Path services = pluginJar.resolve("META-INF/services/" + AppPlugin.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, "spionly.EchoPlugin\n");

        PageConfig config = new PageConfigLoader(Map.of("SECRET", "s3cret", "TOKEN", "page-token", "VERIFY", "v"))
                .parse(CONFIG, PageConfigLoader.Format.YAML);
        DeploymentTest.RecordingOutbounds outbounds = new DeploymentTest.RecordingOutbounds();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {pluginJar.toUri().toURL()},
                SpiOnlyAppTest.class.getClassLoader())) {
            @SuppressWarnings("unchecked")
            List<String> closed = (List<String>) loader.loadClass("spionly.EchoPlugin").getField("CLOSED").get(null);
            Deployment deployment = Deployment.builder(config).plugins(PluginRegistry.discover(loader))
                    .outbound(outbounds).registry(new SimpleMeterRegistry()).build();
            try {
                deployment.start();
                byte[] body = new WebhookWriter().write(
                        TestEvents.batch(TestEvents.message("100", "alice", "m1", "opening hours?", 1_000)));
                assertThat(deployment.ingest().receive("echo", WebhookSignature.sha256Header(body, "s3cret"), body)
                        .status()).isEqualTo(200);
                assertThat(deployment.drain(Duration.ofSeconds(30))).isTrue();
                assertThat(outbounds.byApp.get("echo").sentTexts()).containsExactly("you said: opening hours? (111)");
                assertThat(closed).isEmpty();
            } finally {
                deployment.close();
            }
            // The app first, then what it opened.
            assertThat(closed).containsExactly("app 111", "connection of echo");
        }
    }

    @Test
    void theSameSourceDoesNotCompileWhenItReachesForGuice() throws Exception {
        // Proof that the class path above really is baton-spi alone: a Guice import is not found.
        String errors = compile(PLUGIN_SOURCE.formatted("import com.google.inject.Module;"));
        assertThat(errors).contains("com.google.inject");
    }

    private String compile(String source) throws Exception {
        Path sourceFile = pluginJar.resolve("src/spionly/EchoPlugin.java");
        Files.createDirectories(sourceFile.getParent());
        Files.writeString(sourceFile, source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, errors, "--release", "17", "-proc:none", "-classpath",
                spiClassPath().toString(), "-d", pluginJar.toString(), sourceFile.toString());
        String text = errors.toString(StandardCharsets.UTF_8);
        return status == 0 ? "" : text.isEmpty() ? "javac failed" : text;
    }

    /** Where baton-spi's classes are: its target/classes in the reactor, or its jar. */
    private static Path spiClassPath() throws URISyntaxException {
        Path location = Path.of(AppPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(location.toString()).contains("spi");
        assertThat(Path.of(com.google.inject.Module.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI())).isNotEqualTo(location);
        return location;
    }
}
