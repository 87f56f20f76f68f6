package dev.baton.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.AppConfig;
import dev.baton.config.DispatchSettings;
import dev.baton.config.PageConfig;
import dev.baton.config.PageSettings;
import dev.baton.config.ServerSettings;
import dev.baton.config.StoreSettings;
import dev.baton.emulator.ActionResult;
import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.EmulatorOptions;
import dev.baton.emulator.PageRegistration;
import dev.baton.emulator.TranscriptLine;
import dev.baton.event.Platform;
import dev.baton.config.GraphSettings;
import dev.baton.runtime.PluginRegistry;
import dev.baton.spi.AppRole;
import dev.baton.webhook.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real launcher's deployment and Jetty server against the real emulator, on loopback ports. */
class PageEndToEndTest {

    static final String PAGE = "1000";
    static final String APP_ID = "111";
    static final String SECRET = "app-secret-e2e";
    static final String TOKEN = "page-token-e2e";
    static final String VERIFY = "verify-token-e2e";

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final EchoPlugin echo = new EchoPlugin();
    Emulator emulator;
    RunningPage page;

    @BeforeEach
    void start() throws Exception {
        emulator = Emulator.start(EmulatorOptions.DEFAULTS);
        PageConfig config = new PageConfig(new PageSettings(PAGE, Platform.MESSENGER), null,
                GraphSettings.DEFAULTS.withBaseUrl(emulator.baseUrl()),
                new ServerSettings("127.0.0.1", 0, 4096, Duration.ofSeconds(5), Duration.ofSeconds(30), 16,
                        Duration.ofSeconds(10), null).withDrainPeriod(Duration.ZERO),
                StoreSettings.MEMORY,
                DispatchSettings.DEFAULTS.withWorkers(2).withMaxQueuedEvents(2),
                List.of(AppConfig.of("shop", "echo", APP_ID, AppRole.DEFAULT, SECRET, TOKEN, VERIFY)));
        page = PageLauncher.start(config, builder -> builder.plugins(PluginRegistry.of(echo)).clock(emulator.clock()));
        emulator.registerPage(PageRegistration.messenger(PAGE, APP_ID, List.of(
                AppRegistration.of(APP_ID, "shop", SECRET, TOKEN, page.webhookUri("shop"), VERIFY))));
    }

    @AfterEach
    void stop() {
        echo.release.countDown();
        page.stop();
        emulator.close();
    }

    @Test
    void aPersonsMessageIsSignedDeliveredHandledAndAnswered() {
        ActionResult result = emulator.person(PAGE, "p1").text("hello");

        assertThat(result.webhooks()).singleElement()
                .satisfies(webhook -> assertThat(webhook.firstAttempt().status()).isEqualTo(200));
        assertThat(poll(() -> emulator.conversation(PAGE, "p1").orElseThrow().transcript().stream()
                .anyMatch(line -> line.direction() == TranscriptLine.Direction.OUTBOUND
                        && "echo: hello".equals(line.text()) && APP_ID.equals(line.appId())))).isTrue();
    }

    @Test
    void everyWebhookStatusCode() throws Exception {
        emulator.person(PAGE, "p1").text("hello");
        settleHello();
        byte[] batch = batch("m-direct-1", "direct");

        assertThat(post("/webhooks/shop", batch, WebhookSignature.sha256Header(batch, SECRET), "application/json")
                .statusCode()).isEqualTo(200);
        assertThat(poll(() -> echo.handled.contains("direct"))).isTrue();
        assertThat(post("/webhooks/shop", batch, null, "application/json").statusCode()).isEqualTo(401);
        assertThat(post("/webhooks/shop", batch, "sha256=" + "0".repeat(64), "application/json").statusCode())
                .isEqualTo(403);
        assertThat(post("/webhooks/shop", batch, "sha256=xyz", "application/json").statusCode()).isEqualTo(403);
        byte[] broken = "{\"object\":\"page\",\"entry\":[".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> badJson = post("/webhooks/shop", broken, WebhookSignature.sha256Header(broken, SECRET),
                "application/json");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(post("/webhooks/nobody", batch, WebhookSignature.sha256Header(batch, SECRET), "application/json")
                .statusCode()).isEqualTo(404);
        assertThat(post("/webhooks/shop", batch, WebhookSignature.sha256Header(batch, SECRET), "text/xml")
                .statusCode()).isEqualTo(415);
        byte[] huge = ("{\"object\":\"page\",\"entry\":[],\"pad\":\"" + "x".repeat(5000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(post("/webhooks/shop", huge, WebhookSignature.sha256Header(huge, SECRET), "application/json")
                .statusCode()).isEqualTo(413);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(page.webhookUri("shop"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(batch)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(get("/webhooks/shop?hub.mode=subscribe&hub.verify_token=" + VERIFY + "&hub.challenge=42").body())
                .isEqualTo("42");
        HttpResponse<String> wrongToken = get("/webhooks/shop?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=42");
        assertThat(wrongToken.statusCode()).isEqualTo(403);

        for (HttpResponse<String> answer : List.of(badJson, wrongToken)) {
            assertThat(answer.body()).doesNotContain(SECRET).doesNotContain(VERIFY).doesNotContain(TOKEN)
                    .doesNotContain(WebhookSignature.sha256Header(broken, SECRET).substring(7));
        }
        assertThat(echo.handled).containsExactly("hello", "direct");
    }

    /**
     * The reply to "hello" comes back as an echo webhook; lets that exchange settle so that the two-event queue
     * bound of this class cannot answer a test's own POST with 503 on a slow machine.
     */
    private void settleHello() {
        assertThat(poll(() -> echo.handled.contains("hello"))).isTrue();
        assertThat(poll(() -> emulator.conversation(PAGE, "p1").orElseThrow().transcript().stream()
                .anyMatch(line -> "echo: hello".equals(line.text())))).isTrue();
        assertThat(emulator.awaitDeliveries(Duration.ofSeconds(10))).isTrue();
        assertThat(page.deployment().dispatcher().awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aFullDispatcherAnswers503WithRetryAfterAndMetaRetriesLater() throws Exception {
        emulator.person(PAGE, "p1").text("hello");
        settleHello();
        byte[] slow = batch("m-slow", "slow");
        assertThat(post("/webhooks/shop", slow, WebhookSignature.sha256Header(slow, SECRET), "application/json")
                .statusCode()).isEqualTo(200);
        assertThat(echo.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
        byte[] second = batch("m-2", "two");
        assertThat(post("/webhooks/shop", second, WebhookSignature.sha256Header(second, SECRET), "application/json")
                .statusCode()).isEqualTo(200);

        byte[] third = batch("m-3", "three");
        HttpResponse<String> full = post("/webhooks/shop", third, WebhookSignature.sha256Header(third, SECRET),
                "application/json");
        assertThat(full.statusCode()).isEqualTo(503);
        assertThat(full.headers().firstValue("Retry-After")).isPresent();

        echo.release.countDown();
        assertThat(poll(() -> echo.handled.contains("two"))).isTrue();
        // The handler records "two" before its queue slot is freed, and the replies come back as echo
        // webhooks that take slots too: wait until all of that has settled before Meta's retry.
        assertThat(poll(() -> emulator.conversation(PAGE, "p1").orElseThrow().transcript().stream()
                .anyMatch(line -> "echo: two".equals(line.text())))).isTrue();
        assertThat(emulator.awaitDeliveries(Duration.ofSeconds(10))).isTrue();
        assertThat(page.deployment().dispatcher().awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(post("/webhooks/shop", third, WebhookSignature.sha256Header(third, SECRET), "application/json")
                .statusCode()).isEqualTo(200);
        assertThat(poll(() -> echo.handled.contains("three"))).isTrue();
    }

    @Test
    void readinessAndMetrics() throws Exception {
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        emulator.person(PAGE, "p1").text("hello");

        String metrics = get("/metrics").body();
        assertThat(metrics).contains("jetty_threads_busy").contains("jetty_connections_current")
                .contains("baton_http_responses_total");
        assertThat(metrics).doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain(VERIFY);
        assertThat(metrics.lines().filter(line -> line.startsWith("baton_") && !line.startsWith("baton_http"))).isNotEmpty();
    }

    @Test
    void anEventAcceptedJustBeforeShutdownIsHandledBeforeTheJournalCloses() throws Exception {
        emulator.person(PAGE, "p1").text("hello");
        settleHello();
        byte[] slow = batch("m-last", "slow");
        assertThat(post("/webhooks/shop", slow, WebhookSignature.sha256Header(slow, SECRET), "application/json")
                .statusCode()).isEqualTo(200);
        assertThat(echo.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(page::stop);
        assertThat(poll(() -> !page.server().ready())).isTrue();
        assertThat(stopping).isNotDone();
        echo.release.countDown();
        stopping.get(20, TimeUnit.SECONDS);

        assertThat(echo.handled).containsExactly("hello", "slow");
        assertThat(emulator.conversation(PAGE, "p1").orElseThrow().transcript())
                .anyMatch(line -> "echo: slow".equals(line.text()));
        assertThat(page.deployment().ready()).isFalse();
    }

    static byte[] batch(String mid, String text) {
        return ("{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":1700000000000,\"messaging\":[{"
                + "\"sender\":{\"id\":\"p1\"},\"recipient\":{\"id\":\"" + PAGE + "\"},\"timestamp\":1700000000000,"
                + "\"message\":{\"mid\":\"" + mid + "\",\"text\":\"" + text + "\"}}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    HttpResponse<String> post(String path, byte[] body, String signature, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(page.baseUri() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(page.baseUri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static boolean poll(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
