package dev.baton.launcher;

import dev.baton.config.PageConfigLoader;
import dev.baton.config.PageSetupConfig;
import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.EmulatorOptions;
import dev.baton.emulator.PageConnection;
import dev.baton.emulator.PageRegistration;
import dev.baton.runtime.PluginRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A fresh Page as Meta's dashboard leaves it (two apps with Page tokens, nothing subscribed) in a real emulator,
 * and the real Page deployment of {@link #YAML} serving on loopback: what {@code setup} and {@code doctor} run
 * against. The YAML goes through the real loader, secrets from a test environment.
 */
final class SetupFixture implements AutoCloseable {

    static final String PAGE = "5000";
    static final String SHOP = "5001";
    static final String HELPER = "5002";

    static final String YAML = """
            page: { id: "5000", platform: messenger }
            graph: { baseUrl: "${GRAPH_URL}" }
            server: { host: 127.0.0.1, port: 0 }
            store: { type: memory }
            apps:
              - { name: shop, plugin: echo, appId: "5001", role: %s,
                  secret: "${SHOP_SECRET}", accessToken: "${SHOP_TOKEN}", verifyToken: "${SHOP_VERIFY}" }
              - { name: helper, plugin: echo, appId: "5002", role: %s,
                  secret: "${HELPER_SECRET}", accessToken: "${HELPER_TOKEN}", verifyToken: "${HELPER_VERIFY}" }
            setup:
              publicUrl: "${PUBLIC_URL}"
              apps:
                helper: { fields: [message_reads] }
              profile:
                getStarted: { payload: GET_STARTED }
                greeting:
                  - { locale: default, text: "Hi {{user_first_name}}, welcome to the shop!" }
                  - { locale: fr_FR, text: "Bonjour {{user_first_name}} !" }
                iceBreakers:
                  - locale: default
                    callToActions:
                      - { question: "What are your opening hours?", payload: HOURS }
                      - { question: "Where is my order?", payload: ORDER }
                persistentMenu:
                  - locale: default
                    callToActions:
                      - { type: postback, title: "Talk to a human", payload: HUMAN }
                      - { type: web_url, title: "Our website", url: "https://shop.example.com/" }
                whitelistedDomains: [ "https://shop.example.com" ]
            """;

    /** Every secret of the fixture, for the tests that grep output. */
    final Map<String, String> environment = new LinkedHashMap<>(Map.of(
            "SHOP_SECRET", "shop-app-secret-5b1f", "SHOP_TOKEN", "EAAshop-page-token-77c2",
            "SHOP_VERIFY", "shop-verify-token-a9", "HELPER_SECRET", "helper-app-secret-3d0e",
            "HELPER_TOKEN", "EAAhelper-page-token-41f8", "HELPER_VERIFY", "helper-verify-token-c4"));
    final EchoPlugin echo = new EchoPlugin();
    final Emulator emulator;
    final RunningPage page;
    final String shopRole;
    final String helperRole;

    private SetupFixture(String shopRole, String helperRole, UnaryOperator<PageConnection> connection,
                         Map<String, String> overrides) throws Exception {
        this.shopRole = shopRole;
        this.helperRole = helperRole;
        this.emulator = Emulator.start(EmulatorOptions.forTests());
        environment.put("GRAPH_URL", emulator.baseUrl());
        environment.put("PUBLIC_URL", "http://127.0.0.1:9"); // replaced once the server has its port
        try {
            emulator.registerPage(new PageRegistration(PAGE, dev.baton.event.Platform.MESSENGER, List.of(
                    AppRegistration.unsubscribed(SHOP, "shop", environment.get("SHOP_SECRET"), environment.get("SHOP_TOKEN")),
                    AppRegistration.unsubscribed(HELPER, "helper", environment.get("HELPER_SECRET"),
                            environment.get("HELPER_TOKEN"))),
                    SHOP, Map.of(), null, null), connection.apply(PageConnection.fresh()));
            this.page = PageLauncher.start(loader().parse(yaml(shopRole, helperRole), PageConfigLoader.Format.YAML),
                    builder -> builder.plugins(PluginRegistry.of(echo)).clock(emulator.clock()));
        } catch (Exception | Error e) {
            emulator.close();
            throw e;
        }
        environment.put("PUBLIC_URL", page.baseUri().toString().replaceAll("/+$", ""));
        environment.putAll(overrides);
    }

    /** The usual Page: shop is the default app, helper a custom one. */
    static SetupFixture start() throws Exception {
        return new SetupFixture("default", "custom", connection -> connection, Map.of());
    }

    static SetupFixture start(String shopRole, String helperRole, UnaryOperator<PageConnection> connection,
                              Map<String, String> overrides) throws Exception {
        return new SetupFixture(shopRole, helperRole, connection, overrides);
    }

    static String yaml(String shopRole, String helperRole) {
        return YAML.formatted(shopRole, helperRole);
    }

    PageConfigLoader loader() {
        return new PageConfigLoader(environment);
    }

    /** The config as the commands read it (with the server's real public URL). */
    PageSetupConfig configured() {
        return loader().parseWithSetup(yaml(shopRole, helperRole),
                PageConfigLoader.Format.YAML);
    }

    /** Runs {@code setup} or {@code doctor} in-process; answers the exit code and what it printed. */
    Result run(String command, boolean dryRun) {
        return run(command, configured(), dryRun);
    }

    Result run(String command, PageSetupConfig configured, boolean dryRun) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = PageCommands.run(command, configured, dryRun, new PrintStream(buffer, true, StandardCharsets.UTF_8),
                Clock.systemUTC());
        return new Result(code, buffer.toString(StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String output) {
        List<String> lines(String status) {
            return output.lines().filter(line -> line.startsWith(status + " ")).toList();
        }
    }

    @Override
    public void close() {
        echo.release.countDown();
        page.stop();
        emulator.close();
    }
}
