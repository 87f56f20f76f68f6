package com.example.page;

import dev.baton.config.GraphSettings;
import dev.baton.config.PageConfig;
import dev.baton.config.PageConfigLoader;
import dev.baton.config.PageSetupConfig;
import dev.baton.config.SetupSettings;
import dev.baton.config.ServerSettings;
import dev.baton.config.StoreSettings;
import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.EmulatorOptions;
import dev.baton.emulator.PageConnection;
import dev.baton.emulator.PageRegistration;
import dev.baton.launcher.PageCommands;
import dev.baton.launcher.PageLauncher;
import dev.baton.launcher.RunningPage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded emulator and the Page deployment of {@code demo-page.yaml} side by side on loopback ports:
 * the deployment uses the emulator's clock and Graph API, an in-memory store, and throwaway secrets made up
 * at start (the emulator is told the same ones). The Page routes m.me {@code ref=hours} to store-hours.
 */
final class DemoPage implements AutoCloseable {

    static final String HOURS_REF = "hours";

    final Emulator emulator;
    final RunningPage page;
    final PageConfig config;
    /** The config with its setup section and the server's real public URL. */
    final PageSetupConfig setup;

    private DemoPage(Emulator emulator, RunningPage page, PageConfig config, PageSetupConfig setup) {
        this.emulator = emulator;
        this.page = page;
        this.config = config;
        this.setup = setup;
    }

    static DemoPage start() throws Exception {
        return start(false, StoreSettings.MEMORY);
    }

    /**
     * The same Page connected the way a team connects a real one: the emulator knows the apps and their Page
     * tokens but nothing is subscribed (a fresh Page), and nothing reaches the deployment until
     * {@link #command} runs {@code setup}.
     */
    static DemoPage startFresh() throws Exception {
        return start(true, StoreSettings.MEMORY);
    }

    /** As {@link #start()} with another store (the metrics test runs the default SQLite store). */
    static DemoPage start(StoreSettings store) throws Exception {
        return start(false, store);
    }

    private static DemoPage start(boolean fresh, StoreSettings store) throws Exception {
        Emulator emulator = Emulator.start(EmulatorOptions.DEFAULTS);
        try {
            Map<String, String> environment = throwawaySecrets();
            environment.put("PUBLIC_URL", "http://127.0.0.1:9"); // the server's URL once it listens
            PageSetupConfig configured = new PageConfigLoader(environment).parseWithSetup(resource("/demo-page.yaml"),
                    PageConfigLoader.Format.YAML);
            PageConfig config = configured.config()
                    .withGraph(GraphSettings.DEFAULTS.withBaseUrl(emulator.baseUrl()))
                    .withServer(new ServerSettings("127.0.0.1", 0, 1_048_576, Duration.ofSeconds(10),
                            Duration.ofSeconds(30), 16, Duration.ofSeconds(10), null).withDrainPeriod(Duration.ZERO))
                    .withStore(store);
            RunningPage page = PageLauncher.start(config, builder -> builder.clock(emulator.clock()));
            List<AppRegistration> apps = config.apps().stream()
                    .map(app -> fresh ? AppRegistration.unsubscribed(app.appId(), app.name(), app.secret(), app.accessToken())
                            : AppRegistration.of(app.appId(), app.name(), app.secret(), app.accessToken(),
                            page.webhookUri(app.name()), app.verifyToken()))
                    .toList();
            String defaultAppId = config.defaultAppId().orElseThrow();
            String hoursAppId = config.app("store-hours").orElseThrow().appId();
            emulator.registerPage(PageRegistration.messenger(config.page().id(), defaultAppId, apps)
                    .withLinkRoutes(Map.of(HOURS_REF, hoursAppId)), fresh ? PageConnection.fresh() : PageConnection.SUBSCRIBED);
            SetupSettings setup = configured.setup();
            PageSetupConfig withUrl = new PageSetupConfig(config, new SetupSettings(
                    page.baseUri().toString().replaceAll("/+$", ""), setup.apps(), setup.profile()));
            return new DemoPage(emulator, page, config, withUrl);
        } catch (Exception e) {
            emulator.close();
            throw e;
        }
    }

    /** Runs {@code setup} or {@code doctor} (what {@code java -jar ... setup page.yaml} runs) against this Page. */
    int command(String command, PrintStream out) {
        return PageCommands.run(command, setup, false, out, emulator.clock());
    }

    String pageId() {
        return config.page().id();
    }

    String appId(String name) {
        return config.app(name).orElseThrow().appId();
    }

    /** A readable name for an app id: a hosted app's name, or Meta's Page Inbox. */
    String appName(String appId) {
        if (appId == null) {
            return "nobody (idle)";
        }
        if (appId.equals(PageRegistration.PAGE_INBOX_APP_ID)) {
            return "Page Inbox (humans)";
        }
        return config.apps().stream().filter(app -> app.appId().equals(appId)).map(app -> app.name())
                .findFirst().orElse("app " + appId);
    }

    private static Map<String, String> throwawaySecrets() {
        SecureRandom random = new SecureRandom();
        Map<String, String> environment = new LinkedHashMap<>();
        for (String app : List.of("MARKETING", "DEFAULT", "BRIDGE", "HOURS")) {
            environment.put(app + "_APP_SECRET", randomHex(random));
            environment.put(app + "_PAGE_TOKEN", "EAA" + randomHex(random));
            environment.put(app + "_VERIFY_TOKEN", randomHex(random));
        }
        return environment;
    }

    private static String randomHex(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String resource(String name) {
        try (InputStream in = DemoPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        page.stop();
        emulator.close();
    }
}
