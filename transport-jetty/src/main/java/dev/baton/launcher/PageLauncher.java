package dev.baton.launcher;

import static java.util.Objects.requireNonNull;

import dev.baton.config.ConfigException;
import dev.baton.config.PageConfig;
import dev.baton.config.PageConfigLoader;
import dev.baton.runtime.Deployment;
import dev.baton.runtime.DeploymentBuilder;
import dev.baton.runtime.PluginLoadException;
import dev.baton.transport.BatonServer;
import dev.baton.transport.ServerOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Page deployment: {@code java -cp ... dev.baton.launcher.PageLauncher page.yaml} (or the path in
 * {@code BATON_CONFIG}). Reads the config (secrets from the environment), loads the app plugins on the class
 * path through ServiceLoader, builds the deployment with the Graph API client and the configured stores,
 * starts the Jetty server, then the deployment (which replays what the journal holds and logs one line per
 * hosted app), and stops it all gracefully on SIGTERM.
 *
 * <p>{@code setup [--dry-run] page.yaml} and {@code doctor page.yaml} connect the Page to its apps at Meta and
 * check that connection instead of serving: see {@link PageCommands}.
 *
 * <p>A configuration problem stops start-up with one line naming the key and exit code 2; any other start-up
 * failure exits with 1. Neither line ever holds a secret. After SIGTERM the process exits with 0 once the
 * graceful stop is done, or 3 when the stop timed out (see {@link GracefulExit}).
 *
 * <p>{@code inspect FILE [--secret-env NAME --signature HEADER]} starts nothing: it prints what Baton makes of a
 * captured webhook body, one JSON line per event, and whether the signature holds (see {@link InspectCommand}).
 */
public final class PageLauncher {

    /** The environment variable naming the config file when no argument does. */
    public static final String CONFIG_ENV = "BATON_CONFIG";
    static final int EXIT_CONFIG = 2;
    static final int EXIT_START = 1;

    private static final Logger LOG = LoggerFactory.getLogger(PageLauncher.class);

    private PageLauncher() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("inspect")) {
            System.exit(InspectCommand.run(args, System.getenv(), System.out, System.err));
        }
        if (PageCommands.handles(args)) {
            System.exit(PageCommands.run(args, System.getenv(), System.out, System.err));
        }
        int exitCode = run(args, System.getenv(), System.err);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
        // Jetty's threads keep the process alive; the shutdown hook stops it.
    }

    /** Starts the Page and installs the shutdown hook; answers 0 when serving, else the exit code. */
    static int run(String[] args, Map<String, String> environment, PrintStream err) {
        RunningPage page;
        try {
            PageConfig config = new PageConfigLoader(environment).load(configPath(args, environment));
            page = start(config, builder -> {});
        } catch (ConfigException | PluginLoadException | IllegalArgumentException e) {
            err.println("baton: configuration error: " + oneLine(e.getMessage()));
            return EXIT_CONFIG;
        } catch (Exception e) {
            err.println("baton: cannot start: " + oneLine(e.getClass().getSimpleName() + ": " + e.getMessage()));
            return EXIT_START;
        }
        new GracefulExit(page::stop).install(System::exit);
        return 0;
    }

    static Path configPath(String[] args, Map<String, String> environment) {
        if (args.length > 1) {
            throw new ConfigException(null, "expected one argument, the config file path; got " + args.length);
        }
        if (args.length == 1) {
            return Path.of(args[0]);
        }
        String fromEnvironment = environment.get(CONFIG_ENV);
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            throw new ConfigException(null, "give the config file path as the argument or in " + CONFIG_ENV);
        }
        return Path.of(fromEnvironment);
    }

    /**
     * Builds, serves and starts a deployment of {@code config} with the production defaults (Graph API client,
     * stores from {@code store:}, system clock); {@code customizer} may change the builder (a clock, stores, a
     * different way out to Meta). The server listens before the deployment starts, so {@code /health/live}
     * answers during the warm-up and journal replay while {@code /health/ready} and webhooks answer 503 until
     * both are done.
     *
     * <p>With {@code server.warmup} set, a throwaway copy of the deployment is driven on loopback for that long
     * between the listen and the start (see {@link Warmup}), so the first real batches meet compiled code.
     */
    public static RunningPage start(PageConfig config, Consumer<DeploymentBuilder> customizer) throws Exception {
        requireNonNull(config, "config is null");
        return start(config, customizer, Warmup.configured(config.server())
                .map(duration -> new WarmupBudget(duration, Long.MAX_VALUE)).orElse(null));
    }

    /** A warm-up of at most {@code duration} and {@code maxRequests} (tests give a request count). */
    record WarmupBudget(Duration duration, long maxRequests) {}

    static RunningPage start(PageConfig config, Consumer<DeploymentBuilder> customizer, WarmupBudget warmup)
            throws Exception {
        requireNonNull(config, "config is null");
        requireNonNull(customizer, "customizer is null");
        ServerOptions options = ServerOptionsFromConfig.map(config.server());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DeploymentBuilder builder = Deployment.builder(config).graphOutbound().registry(registry);
        customizer.accept(builder);
        Deployment deployment = builder.build();
        BatonServer server;
        try {
            server = BatonServer.start(deployment, options, registry);
        } catch (Exception e) {
            deployment.close();
            throw e;
        }
        Warmup.Report warmed = null;
        try {
            if (warmup != null) {
                warmed = warmUp(config, options, warmup);
            }
            deployment.start();
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        LOG.info("Page {} ({}) serving {} app(s) at {}", config.page().id(), config.page().platform(),
                config.apps().size(), server.baseUri());
        return new RunningPage(deployment, server, registry, warmed);
    }

    /**
     * Runs the warm-up while the real server answers 503 (see the README: a load balancer keeps the instance out,
     * Meta retries). A warm-up that fails costs only speed: it is logged and the start goes on.
     */
    private static Warmup.Report warmUp(PageConfig config, ServerOptions options, WarmupBudget budget) {
        try {
            Warmup.Report report = Warmup.run(config, options, budget.duration(), budget.maxRequests());
            LOG.info(report.describe());
            return report;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("warm-up failed ({}); starting the deployment without it", e.getClass().getName());
            return null;
        }
    }

    private static String oneLine(String message) {
        return message == null ? "(no detail)" : message.replaceAll("\\s+", " ").trim();
    }
}
