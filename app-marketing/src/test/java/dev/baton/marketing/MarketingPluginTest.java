package dev.baton.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.config.PageConfig;
import dev.baton.config.PageConfigLoader;
import dev.baton.event.Platform;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEntry;
import dev.baton.server.WebhookAnswer;
import dev.baton.runtime.Deployment;
import dev.baton.runtime.PluginRegistry;
import dev.baton.spi.ThreadOwnership;
import dev.baton.spi.ThreadOwnership.Source;
import dev.baton.testing.RecordingOutbound;
import dev.baton.testing.TestEvents;
import dev.baton.webhook.WebhookSignature;
import dev.baton.webhook.WebhookWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin as the runtime loads it: found by ServiceLoader, one isolated app per configured instance. */
class MarketingPluginTest {

    private static final String PAGE = """
            page: { id: "100", platform: messenger }
            store: { type: memory }
            apps:
              - name: spring
                plugin: marketing
                appId: "111"
                role: marketing
                secret: s1
                accessToken: t1
                verifyToken: v1
                settings:
                  campaigns:
                    - { name: spring, adIds: ["ad-s"], welcome: "Spring!", choices: [{ id: a, title: A, action: pass }] }
              - name: autumn
                plugin: marketing
                appId: "222"
                role: marketing
                secret: s2
                accessToken: t2
                verifyToken: v2
                settings:
                  completionDeadline: 5m
                  campaigns:
                    - { name: autumn, adIds: ["ad-a"], welcome: "Autumn!", choices: [{ id: b, title: B, action: pass }] }
            """;

    private final Map<String, RecordingOutbound> outbounds = new ConcurrentHashMap<>();

    private Deployment deployment(String yaml) {
        PageConfig config = new PageConfigLoader(Map.of()).parse(yaml, PageConfigLoader.Format.YAML);
        return Deployment.builder(config)
                // Each app owns its threads here (no ownership tracker): what Meta's routing of an ad gives it.
                .outbound(app -> outbounds.computeIfAbsent(app.name(), name -> new RecordingOutbound()
                        .setDefaultOwner(new ThreadOwnership(app.appId(), null, null, Source.HANDOVER_EVENT))))
                .registry(new SimpleMeterRegistry())
                .build();
    }

    @Test
    void theServiceLoaderFindsIt() {
        assertThat(PluginRegistry.discover().names()).contains(MarketingPlugin.NAME);
    }

    @Test
    void twoInstancesRunTheirOwnCampaigns() throws Exception {
        try (Deployment deployment = deployment(PAGE)) {
            deployment.start();
            assertThat(deployment.app("spring")).containsInstanceOf(MarketingApp.class);
            assertThat(deployment.app("spring").orElseThrow()).isNotSameAs(deployment.app("autumn").orElseThrow());

            post(deployment, "spring", "s1", TestEvents.adReferral("100", "p1", "ad-s", null, 1_000));
            post(deployment, "autumn", "s2", TestEvents.adReferral("100", "p2", "ad-a", null, 1_000));
            assertThat(deployment.dispatcher().awaitIdle(Duration.ofSeconds(10))).isTrue();

            assertThat(outbounds.get("spring").sentTexts()).containsExactly("Spring!");
            assertThat(outbounds.get("autumn").sentTexts()).containsExactly("Autumn!");
        }
    }

    @Test
    void badSettingsStopTheDeploymentNamingTheKey() {
        String broken = PAGE.replace("completionDeadline: 5m", "completionDeadline: 5m\n      colour: blue");

        assertThatThrownBy(() -> deployment(broken)).hasMessageContaining("apps[autumn].settings")
                .hasMessageContaining("colour");
    }

    @Test
    void closingTheDeploymentClosesTheLeadFile(@TempDir Path dir) throws Exception {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc to see the process's open files");
        Path leads = dir.resolve("leads.jsonl");
        String yaml = PAGE.replace("completionDeadline: 5m",
                "completionDeadline: 5m\n      leadSink: { type: jsonl, path: \"" + leads + "\" }");
        Deployment deployment = deployment(yaml);
        try {
            deployment.start();
            assertThat(openFiles(fds)).contains(leads.toRealPath());
        } finally {
            deployment.close();
        }
        assertThat(openFiles(fds)).doesNotContain(leads.toRealPath());
    }

    /** Where the process's open file descriptors point (Linux). */
    private static Set<Path> openFiles(Path fds) throws IOException {
        Set<Path> open = new HashSet<>();
        try (Stream<Path> entries = Files.list(fds)) {
            for (Path fd : entries.toList()) {
                try {
                    open.add(Files.readSymbolicLink(fd));
                } catch (IOException e) {
                    // closed between listing and reading: not open
                }
            }
        }
        return open;
    }

    private static void post(Deployment deployment, String app, String secret, dev.baton.event.WebhookEvent event) {
        byte[] body = new WebhookWriter().write(new WebhookBatch(Platform.MESSENGER,
                List.of(new WebhookEntry("100", 1_000, List.of(event), List.of()))));
        WebhookAnswer result = deployment.ingest().receive(app, WebhookSignature.sha256Header(body, secret), body);
        assertThat(result.status()).isEqualTo(200);
    }
}
