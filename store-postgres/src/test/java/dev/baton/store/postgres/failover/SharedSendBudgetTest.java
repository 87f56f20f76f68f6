package dev.baton.store.postgres.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.PageConfig;
import dev.baton.config.PageConfigLoader;
import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.EmulatorOptions;
import dev.baton.emulator.PageRegistration;
import dev.baton.emulator.TranscriptLine;
import dev.baton.event.MessageEvent;
import dev.baton.runtime.Deployment;
import dev.baton.runtime.DeploymentBuilder;
import dev.baton.runtime.DeploymentResources;
import dev.baton.runtime.GraphOutboundSetup;
import dev.baton.runtime.PluginRegistry;
import dev.baton.spi.AppContext;
import dev.baton.spi.AppPlugin;
import dev.baton.spi.Conversation;
import dev.baton.spi.ConversationApp;
import dev.baton.testkit.PostgresExtension;
import dev.baton.testkit.RoundRobinBalancer;
import dev.baton.testkit.TestPostgres;
import dev.baton.transport.BatonServer;
import dev.baton.transport.ServerOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Page's Send API limit holds for the whole deployment: three instances of one Page (in this JVM, each
 * with its own PostgreSQL store on one database, its own Jetty server behind a round-robin balancer) answer
 * a crowd with bursts of replies against the emulator, which answers 613 past the Page's limit in any
 * sliding second, as Meta does. With the split (each instance applies its share of the buckets), not one
 * 613. The control is the same deployment with the split taken out (each instance applies the whole
 * limit, as before): the emulator answers 613, so the load is enough to fail the first test.
 */
@ExtendWith(PostgresExtension.class)
class SharedSendBudgetTest {

    private static final String PAGE = "7100";
    private static final String APP_ID = "7101";
    private static final Map<String, String> SECRETS = Map.of("SB_SECRET", "budget-app-secret-0b3e",
            "SB_TOKEN", "budget-token-61fa", "SB_VERIFY", "budget-verify-9d27");
    /** The Page's limit, at the emulator and in the Page's config alike. */
    private static final int LIMIT = 10;
    private static final int PEOPLE = 24;
    private static final int REPLIES = 6;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void threeInstancesTogetherStayWithinThePagesLimit(TestPostgres postgres) throws Exception {
        try (Emulator emulator = Emulator.start(EmulatorOptions.forTests().withGraphCallsPerSecond(LIMIT));
                RoundRobinBalancer balancer = new RoundRobinBalancer()) {
            List<Instance> instances = startThree(postgres, emulator, balancer, true);
            try {
                awaitEvenSpread(instances);
                long began = System.nanoTime();
                writeCrowd(emulator);
                await(() -> replies(emulator).size() >= PEOPLE * REPLIES, "every reply at the emulator");
                long tookMillis = (System.nanoTime() - began) / 1_000_000;
                Map<String, Long> byInstance = new HashMap<>();
                for (String reply : replies(emulator)) {
                    byInstance.merge(reply.substring(reply.lastIndexOf('@') + 1), 1L, Long::sum);
                }
                double shares = 0;
                int limits = 0;
                for (Instance instance : instances) {
                    String metrics = metrics(instance);
                    double share = gauge(metrics, "baton_graph_ratelimiter_share");
                    assertThat(share).as(instance.name + "'s share on /metrics").isGreaterThan(0).isLessThan(1);
                    shares += share;
                    limits += (int) gauge(metrics, "baton_graph_ratelimiter_limit");
                }
                System.out.println("shared send budget: replies per instance " + byInstance + ", shares add up to "
                        + shares + ", limits to " + limits + " of " + LIMIT + ", 613s: "
                        + emulator.rateLimitedCalls(PAGE) + ", " + PEOPLE * REPLIES + " replies in " + tookMillis + " ms");
                assertThat(replies(emulator)).hasSize(PEOPLE * REPLIES);
                assertThat(byInstance).as("the crowd was spread over the instances").hasSizeGreaterThanOrEqualTo(2);
                assertThat(shares).isLessThanOrEqualTo(1.0 + 1e-9);
                assertThat(limits).isLessThanOrEqualTo(LIMIT);
                assertThat(emulator.rateLimitedCalls(PAGE)).as("calls the emulator refused with 613").isZero();
            } finally {
                stopAll(instances);
            }
        }
    }

    @Test
    void withoutTheSplitTheSameLoadDraws613(TestPostgres postgres) throws Exception {
        try (Emulator emulator = Emulator.start(EmulatorOptions.forTests().withGraphCallsPerSecond(LIMIT));
                RoundRobinBalancer balancer = new RoundRobinBalancer()) {
            List<Instance> instances = startThree(postgres, emulator, balancer, false);
            try {
                awaitEvenSpread(instances);
                long began = System.nanoTime();
                writeCrowd(emulator);
                await(() -> emulator.rateLimitedCalls(PAGE) > 0 || replies(emulator).size() >= PEOPLE * REPLIES,
                        "a 613 or every reply");
                System.out.println("without the split: " + emulator.rateLimitedCalls(PAGE) + " 613s, "
                        + replies(emulator).size() + " replies after " + (System.nanoTime() - began) / 1_000_000 + " ms");
                assertThat(emulator.rateLimitedCalls(PAGE)).as("613s with each instance on the whole limit")
                        .isPositive();
            } finally {
                stopAll(instances);
            }
        }
    }

    private List<Instance> startThree(TestPostgres postgres, Emulator emulator, RoundRobinBalancer balancer,
            boolean split) throws Exception {
        String url = postgres.newDatabase();
        List<Instance> instances = new ArrayList<>();
        try {
            for (String name : List.of("a", "b", "c")) {
                Instance instance = Instance.start(name, config(emulator.baseUrl(), url, postgres), split);
                instances.add(instance);
                balancer.add(instance.server.baseUri());
            }
        } catch (Exception | Error e) {
            stopAll(instances);
            throw e;
        }
        emulator.registerPage(PageRegistration.messenger(PAGE, APP_ID, List.of(AppRegistration.of(APP_ID,
                "burst", SECRETS.get("SB_SECRET"), SECRETS.get("SB_TOKEN"), balancer.uri("/webhooks/burst"),
                SECRETS.get("SB_VERIFY")))));
        return instances;
    }

    /** Each instance holds its share of the buckets (the first started took them all, then gave some up). */
    private static void awaitEvenSpread(List<Instance> instances) throws InterruptedException {
        await(() -> instances.stream().allMatch(instance -> instance.heldBuckets() >= 5)
                && instances.stream().mapToDouble(Instance::heldBuckets).sum() == 16, "16 buckets spread over 3");
    }

    private static void writeCrowd(Emulator emulator) {
        for (int p = 0; p < PEOPLE; p++) {
            emulator.person(PAGE, "8" + (100 + p)).text("burst " + REPLIES);
        }
    }

    /** The Page's replies in every conversation, as the emulator recorded them. */
    private static List<String> replies(Emulator emulator) {
        List<String> out = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            emulator.conversation(PAGE, "8" + (100 + p)).ifPresent(view -> {
                for (TranscriptLine line : view.transcript()) {
                    if (line.text() != null && line.text().startsWith("r")) {
                        out.add(line.text());
                    }
                }
            });
        }
        return out;
    }

    private String metrics(Instance instance) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(instance.server.baseUri().resolve("/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    private static double gauge(String metrics, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "\\{[^}]*kind=\"text\"[^}]*\\} (\\S+)$").matcher(metrics);
        assertThat(matcher.find()).as(name + " on /metrics").isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    private static void stopAll(List<Instance> instances) {
        for (Instance instance : instances) {
            instance.server.stop();
        }
    }

    private static String config(String graphUrl, String jdbcUrl, TestPostgres postgres) {
        return """
                page: { id: "%s", platform: messenger }
                graph: { baseUrl: "%s", threadControl: send-api, textCallsPerSecond: %d }
                store: { type: postgres, url: "%s", user: "%s"%s, leaseTtl: 3s, buckets: 16, poolSize: 4 }
                dispatch: { workers: 8 }
                apps:
                  - name: burst
                    plugin: burst
                    appId: "%s"
                    role: default
                    secret: "${SB_SECRET}"
                    accessToken: "${SB_TOKEN}"
                    verifyToken: "${SB_VERIFY}"
                """.formatted(PAGE, graphUrl, LIMIT, jdbcUrl, postgres.user(),
                postgres.password() == null ? "" : ", password: \"" + postgres.password() + "\"", APP_ID);
    }

    /** One instance of the Page: a deployment on the PostgreSQL store and its Jetty server. */
    private record Instance(String name, BatonServer server, PrometheusMeterRegistry registry) {

        static Instance start(String name, String yaml, boolean split) throws Exception {
            PageConfig config = new PageConfigLoader(SECRETS).parse(yaml, PageConfigLoader.Format.YAML);
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            DeploymentBuilder builder = Deployment.builder(config).plugins(PluginRegistry.of(List.of(new BurstPlugin(name))))
                    .registry(registry);
            if (split) {
                builder.graphOutbound();
            } else {
                // The control: the same Graph client, but told nothing of the other instances.
                GraphOutboundSetup whole = new GraphOutboundSetup();
                builder.outbound((resources, listeners) -> whole.create(new DeploymentResources(resources.config(),
                        resources.store(), resources.clock(), resources.registry()), listeners));
            }
            Deployment deployment = builder.build();
            try {
                deployment.start();
                return new Instance(name, BatonServer.start(deployment, ServerOptions.loopback(), registry), registry);
            } catch (Exception | Error e) {
                deployment.close();
                throw e;
            }
        }

        double heldBuckets() {
            return registry.get("baton.store.leases.held").gauge().value();
        }
    }

    /** Answers {@code burst N} with N replies {@code rI@INSTANCE}, one after another in the lane. */
    private record BurstPlugin(String instance) implements AppPlugin {
        @Override
        public String name() {
            return "burst";
        }

        @Override
        public ConversationApp create(AppContext context) {
            return new ConversationApp() {
                @Override
                public void onMessage(MessageEvent event, Conversation conversation) {
                    String text = event.message().text();
                    if (text == null || !text.startsWith("burst ")) {
                        return;
                    }
                    int count = Integer.parseInt(text.substring("burst ".length()));
                    for (int i = 1; i <= count; i++) {
                        conversation.reply("r" + i + "@" + instance);
                    }
                }
            };
        }
    }
}
