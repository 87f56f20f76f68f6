package dev.baton.benchmarks.ingest;

import dev.baton.config.Durations;
import dev.baton.dispatch.OutboundFactory;
import dev.baton.launcher.PageLauncher;
import dev.baton.launcher.RunningPage;
import dev.baton.runtime.PluginRegistry;
import dev.baton.testing.RecordingOutbound;
import dev.baton.transport.BatonServer;
import dev.baton.transport.ServerOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The server half of a pinned ingest run: the ceiling server (200 without work) and the real deployment,
 * exactly as {@link IngestLoadHarness} builds them, in a process of their own so that {@code taskset} can
 * give the server one core and {@link PinnedIngestClient} the other. Prints both ports and its pid on one
 * line once the deployment takes webhooks (after its warm-up), then serves until its standard input closes.
 *
 * <p>{@code --warmup} is the config's {@code server.warmup} (default 10s, as the shipped example config has
 * it: the benchmark measures the real launcher path; {@code 0s} turns it off). The line printed says how long
 * the start took and what the warm-up did.
 *
 * <pre>
 * taskset -c 0 java -cp benchmarks/target/benchmarks.jar dev.baton.benchmarks.ingest.PinnedIngestServer \
 *     [--journal memory|sqlite] [--warmup 10s]
 * </pre>
 */
public final class PinnedIngestServer {

    private PinnedIngestServer() {}

    public static void main(String[] args) throws Exception {
        String journal = IngestLoadHarness.option(args, "--journal", "memory");
        Duration warmup = Durations.parse(IngestLoadHarness.option(args, "--warmup", "10s"));
        long started = System.nanoTime();
        BatonServer ceiling = BatonServer.start(new IngestLoadHarness.NoWork(), ServerOptions.loopback(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        Path dataDir = Files.createTempDirectory("baton-load");
        RunningPage page = PageLauncher.start(IngestLoadHarness.config(journal, dataDir, warmup), builder -> builder
                .plugins(PluginRegistry.of(new IngestLoadHarness.NoOpPlugin()))
                .outbound((OutboundFactory) app -> new RecordingOutbound()));
        try {
            System.out.println("ceiling-port=" + ceiling.port() + " baton-port=" + page.server().port()
                    + " journal=" + journal + " pid=" + ProcessHandle.current().pid()
                    + String.format(Locale.ROOT, " start=%.1fs", (System.nanoTime() - started) / 1e9)
                    + page.warmup().map(w -> String.format(Locale.ROOT, " warmup=%.1fs/%d-requests/%d-ok",
                            w.took().toNanos() / 1e9, w.requests(), w.ok())).orElse(" warmup=off"));
            System.out.flush();
            while (System.in.read() >= 0) {
                // Serve until the driver closes our standard input.
            }
        } finally {
            ceiling.stop();
            page.stop();
        }
        System.exit(0);
    }
}
