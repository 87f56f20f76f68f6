package dev.baton.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatonServerTest {

    static final String BODY = "{\"object\":\"page\",\"entry\":[]}";

    final FakeDeployment deployment = new FakeDeployment();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    PrometheusMeterRegistry registry;
    BatonServer server;

    @BeforeEach
    void start() throws Exception {
        startWith(ServerOptions.loopback().withMaxBodyBytes(1000));
    }

    void startWith(ServerOptions options) throws Exception {
        if (server != null) {
            server.stop();
        }
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = BatonServer.start(deployment, options, registry);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    HttpResponse<String> post(String path, String contentType, String signature, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theHandlerChainIsNonBlockingSoWebhooksRunOnTheThreadThatReadThem() throws Exception {
        assertThat(server.invocationType()).isEqualTo(org.eclipse.jetty.util.thread.Invocable.InvocationType.NON_BLOCKING);
        // The scrape is handed to a pool thread and still answers.
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("baton_http_requests_active");
    }

    @Test
    void acceptedBatchReachesTheJournalExactlyAsSent() throws Exception {
        String body = "{\"object\":\"page\",\"entry\":[{\"x\":\"\\u00e4\"}]}";
        HttpResponse<String> response = post("/webhooks/shop", "application/json", "sha256=good", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(deployment.journal).singleElement()
                .satisfies(stored -> assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo(body));
    }

    @Test
    void signatureAndJsonStatusesComeFromTheEndpoint() throws Exception {
        assertThat(post("/webhooks/shop", "application/json", null, BODY).statusCode()).isEqualTo(401);
        assertThat(post("/webhooks/shop", "application/json", "sha256=bad", BODY).statusCode()).isEqualTo(403);
        HttpResponse<String> badJson = post("/webhooks/shop", "application/json", "sha256=good", "not json");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).isEqualTo("{\"error\":\"malformed JSON at $\"}");
        assertThat(deployment.journal).isEmpty();
    }

    @Test
    void unknownAppIs404WithoutReadingTheBody() throws Exception {
        assertThat(post("/webhooks/other", "application/json", "sha256=good", BODY).statusCode()).isEqualTo(404);
        assertThat(post("/webhooks/", "application/json", "sha256=good", BODY).statusCode()).isEqualTo(404);
        assertThat(post("/webhooks/shop/x", "application/json", "sha256=good", BODY).statusCode()).isEqualTo(404);
        assertThat(get("/elsewhere").statusCode()).isEqualTo(404);
        assertThat(deployment.received).hasValue(0);
    }

    @Test
    void appEndpointsGetTheRestOfThePathHeadersAndBody() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/apps/shop/helpdesk/replies"))
                .header("x-auth", "token-1").POST(HttpRequest.BodyPublishers.ofString("12345")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"method\":\"POST\",\"path\":\"/helpdesk/replies\",\"auth\":\"token-1\",\"bytes\":5}");
        assertThat(get("/apps/shop").body()).contains("\"path\":\"/\"");
        assertThat(get("/apps/other/x").statusCode()).isEqualTo(404);
        HttpResponse<String> failing = get("/apps/shop/boom");
        assertThat(failing.statusCode()).isEqualTo(500);
        assertThat(failing.body()).doesNotContain("secret-abc");
    }

    @Test
    void otherMethodsAre405WithAllow() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/webhooks/shop"))
                .method("PUT", HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/webhooks/shop"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
    }

    @Test
    void onlyJsonIsAccepted() throws Exception {
        assertThat(post("/webhooks/shop", "text/plain", "sha256=good", BODY).statusCode()).isEqualTo(415);
        assertThat(post("/webhooks/shop", null, "sha256=good", BODY).statusCode()).isEqualTo(415);
        assertThat(post("/webhooks/shop", "application/json; charset=ISO-8859-1", "sha256=good", BODY).statusCode())
                .isEqualTo(415);
        assertThat(post("/webhooks/shop", "Application/JSON; charset=UTF-8", "sha256=good", BODY).statusCode())
                .isEqualTo(200);
        assertThat(deployment.received).hasValue(1);
    }

    @Test
    void declaredLengthOverTheLimitIs413BeforeReading() throws Exception {
        HttpResponse<String> response = post("/webhooks/shop", "application/json", "sha256=good",
                "{" + "x".repeat(1000) + "}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(deployment.received).hasValue(0);
    }

    @Test
    void chunkedBodyGrowingPastTheLimitIs413() throws Exception {
        String chunk = "x".repeat(400);
        String chunked = "190\r\n" + chunk + "\r\n";
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("POST /webhooks/shop HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "X-Hub-Signature-256: sha256=good\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + chunked + chunked + chunked + "0\r\n\r\n");
            assertThat(RawHttp.status(raw.readResponse())).isEqualTo(413);
        }
        assertThat(deployment.received).hasValue(0);
    }

    @Test
    void chunkedBodyWithinTheLimitIsAccepted() throws Exception {
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("POST /webhooks/shop HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "X-Hub-Signature-256: sha256=good\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n");
            assertThat(RawHttp.status(raw.readResponse())).isEqualTo(200);
        }
        assertThat(new String(deployment.journal.get(0), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void subscriptionCheckEchoesTheChallengeOnlyForTheRightToken() throws Exception {
        HttpResponse<String> ok = get("/webhooks/shop?hub.mode=subscribe&hub.verify_token="
                + FakeDeployment.VERIFY_TOKEN + "&hub.challenge=1158201444");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));

        HttpResponse<String> wrong = get("/webhooks/shop?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain(FakeDeployment.VERIFY_TOKEN);
    }

    @Test
    void readinessFollowsTheDeploymentAndLivenessDoesNot() throws Exception {
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        deployment.ready.set(false);
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAreScrapedInPrometheusTextWithJettyPoolAndConnectionMeters() throws Exception {
        post("/webhooks/shop", "application/json", "sha256=good", BODY);
        // Jetty counts a response when its exchange completes, which may be just after the client read it.
        assertThat(poll(() -> {
            try {
                return get("/metrics").body().contains("baton_http_responses_total{status=\"2xx\"} 1");
            } catch (Exception e) {
                return false;
            }
        })).isTrue();
        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue(MetricsHandler.CONTENT_TYPE);
        assertThat(metrics.body())
                .contains("# TYPE jetty_threads_config_max")
                .contains("jetty_threads_busy")
                .contains("jetty_connections_current")
                .containsPattern("baton_http_responses_total\\{status=\"2xx\"\\} [1-9]");
    }

    @Test
    void endpointFailureIs503WithoutItsMessage() throws Exception {
        deployment.override.set(body -> {
            throw new IllegalStateException("secret-abc leaked?");
        });
        HttpResponse<String> response = post("/webhooks/shop", "application/json", "sha256=good", BODY);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.body()).doesNotContain("secret-abc").doesNotContain("Exception");
    }

    @Test
    void brokenHttpGetsAPlainReasonOnly() throws Exception {
        try (RawHttp raw = new RawHttp(server.port())) {
            String answer = raw.send("POST /webhooks/shop HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n").readAll();
            assertThat(RawHttp.status(answer)).isEqualTo(400);
            assertThat(answer).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("jetty");
        }
    }

    @Test
    void requestsBeyondTheInFlightLimitGet503WithRetryAfter() throws Exception {
        startWith(ServerOptions.loopback().withThreads(8, 2));
        deployment.holdAppends.set(true);
        CompletableFuture<HttpResponse<String>> first = postAsync();
        CompletableFuture<HttpResponse<String>> second = postAsync();
        awaitHeld(2);

        HttpResponse<String> third = post("/webhooks/shop", "application/json", "sha256=good", BODY);
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        deployment.holdAppends.set(false);
        deployment.releaseHeld();
        assertThat(first.get().statusCode()).isEqualTo(200);
        assertThat(second.get().statusCode()).isEqualTo(200);
        assertThat(post("/webhooks/shop", "application/json", "sha256=good", BODY).statusCode()).isEqualTo(200);
    }

    @Test
    void aJournalSlowerThanTheRequestTimeoutGets503() throws Exception {
        startWith(ServerOptions.loopback().withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(30)));
        deployment.holdAppends.set(true);
        HttpResponse<String> response = post("/webhooks/shop", "application/json", "sha256=good", BODY);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        deployment.releaseHeld();
    }

    @Test
    void aStalledBodyGets408() throws Exception {
        startWith(ServerOptions.loopback().withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(30)));
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("POST /webhooks/shop HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "X-Hub-Signature-256: sha256=good\r\nContent-Length: 100\r\n\r\n{\"partial\":");
            assertThat(RawHttp.status(raw.readResponse())).isEqualTo(408);
        }
        assertThat(deployment.received).hasValue(0);
    }

    @Test
    void gracefulStopAnswersInFlightRequestsThenDrainsThenCloses() throws Exception {
        deployment.holdAppends.set(true);
        CompletableFuture<HttpResponse<String>> inFlight = postAsync();
        awaitHeld(1);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        assertThat(poll(() -> !server.ready())).isTrue();
        assertThat(deployment.lifecycle).isEmpty();

        deployment.releaseHeld();
        assertThat(inFlight.get().statusCode()).isEqualTo(200);
        stopping.get();
        assertThat(deployment.journal).hasSize(1);
        assertThat(deployment.lifecycle).containsExactly("drain", "close");
        assertThat(CompletableFuture.supplyAsync(() -> {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
                return socket.isConnected() ? "connected" : "not connected";
            } catch (java.io.IOException e) {
                return "refused";
            }
        }).get()).isEqualTo("refused");
    }

    @Test
    void aClientTricklingItsHeadersIsCutOffAtTheHeaderDeadline() throws Exception {
        startWith(ServerOptions.loopback().withHeaderTimeout(Duration.ofSeconds(1)));
        String headers = "POST /webhooks/shop HTTP/1.1\r\nHost: x\r\nX-Padding: " + "p".repeat(200) + "\r\n\r\n";
        try (Trickle trickle = new Trickle(server.port())) {
            int sent = trickle.sendUntilClosed(headers, Duration.ofMillis(100));
            assertThat(trickle.closedByServer()).as("the server closed the connection").isTrue();
            // 100 ms a byte: the whole block would take over 20 s, the idle timeout (30 s) never fires.
            assertThat(sent).as("bytes sent before the close").isLessThan(headers.length());
        }
        assertThat(poll(() -> counter("baton_http_header_timeouts_total") == 1.0)).isTrue();
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void anIdleKeepAliveConnectionIsNotCutByTheHeaderDeadline() throws Exception {
        startWith(ServerOptions.loopback().withHeaderTimeout(Duration.ofMillis(300)));
        try (RawHttp raw = new RawHttp(server.port())) {
            String request = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";
            assertThat(RawHttp.status(raw.send(request).readResponse())).isEqualTo(200);
            Thread.sleep(1_500); // idle well past the header deadline, far within the idle timeout
            assertThat(RawHttp.status(raw.send(request).readResponse())).isEqualTo(200);
        }
        assertThat(counter("baton_http_header_timeouts_total")).isZero();
    }

    @Test
    void aBodyTricklingBelowTheMinimumRateGets408BeforeTheRequestTimeout() throws Exception {
        startWith(ServerOptions.loopback().withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60))
                .withMinBodyBytesPerSecond(100));
        String head = "POST /webhooks/shop HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "X-Hub-Signature-256: sha256=good\r\nContent-Length: 600\r\n\r\n";
        try (Trickle trickle = new Trickle(server.port())) {
            trickle.send(head);
            // 10 bytes a second for a 600-byte body: a minute at that pace, cut off after the first bytes.
            int sent = trickle.sendUntilClosed("{\"a\":\"" + "x".repeat(590) + "\"}", Duration.ofMillis(100));
            assertThat(sent).isLessThan(600);
            assertThat(trickle.answer()).startsWith("HTTP/1.1 408");
        }
        assertThat(deployment.received).hasValue(0);
    }

    @Test
    void aBodyStillArrivingAfterIts408EndsCleanlyAndIsCounted() throws Exception {
        startWith(ServerOptions.loopback().withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(30))
                .withMinBodyBytesPerSecond(0));
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try (Trickle trickle = new Trickle(server.port())) {
            trickle.send("POST /webhooks/shop HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "X-Hub-Signature-256: sha256=good\r\nContent-Length: 2000\r\n\r\n{\"partial\":");
            assertThat(trickle.awaitAnswer()).startsWith("HTTP/1.1 408");
            // Meta-like client that did not read the answer: it keeps sending the rest of its body.
            trickle.sendUntilClosed("\"" + "y".repeat(400) + "\"", Duration.ofMillis(5));
            assertThat(poll(() -> counter("baton_http_late_bodies_total") >= 1.0)).as("late body counted").isTrue();
        } finally {
            root.detachAppender(logged);
        }
        assertThat(logged.list).as("nothing logged at WARN or above for a late body")
                .noneMatch(event -> event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN));
        assertThat(deployment.received).hasValue(0);
    }

    @Test
    void readinessAnswers503ForTheDrainPeriodWhileRequestsAreStillServed() throws Exception {
        startWith(ServerOptions.loopback().withDrainPeriod(Duration.ofMinutes(5)));
        deployment.lifecycle.clear(); // the server of @BeforeEach was stopped for this one
        AtomicBoolean stopped = new AtomicBoolean();
        Thread stopping = new Thread(() -> stopped.set(server.stop()), "test-stop");
        stopping.start();
        assertThat(poll(() -> !server.ready())).isTrue();
        assertThat(get("/health/ready").statusCode()).as("ready during the drain period").isEqualTo(503);
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> accepted = post("/webhooks/shop", "application/json", "sha256=good", BODY);
        assertThat(accepted.statusCode()).as("webhooks still accepted while draining").isEqualTo(200);
        assertThat(deployment.lifecycle).as("no drain of the deployment yet").isEmpty();
        stopping.interrupt(); // end the drain period now (an operator's second signal would too)
        stopping.join(Duration.ofSeconds(60).toMillis());
        assertThat(stopping.isAlive()).isFalse();
        assertThat(deployment.lifecycle).containsExactly("drain", "close");
        assertThat(stopped).isTrue();
    }

    double counter(String name) {
        for (String line : registry.scrape().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return -1;
    }

    /** A client that writes one byte at a time and notices when the server answers or closes. */
    static final class Trickle implements AutoCloseable {

        private final java.net.Socket socket;
        private final StringBuffer answer = new StringBuffer();
        private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        private final AtomicBoolean byServer = new AtomicBoolean();

        Trickle(int port) throws java.io.IOException {
            socket = new java.net.Socket("127.0.0.1", port);
            Thread reader = new Thread(this::readUntilClosed, "trickle-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void readUntilClosed() {
            try {
                java.io.InputStream in = socket.getInputStream();
                int c;
                while ((c = in.read()) >= 0) {
                    answer.append((char) c);
                }
                byServer.set(true);
            } catch (java.io.IOException reset) {
                byServer.set(!socket.isClosed());
            } finally {
                closed.countDown();
            }
        }

        void send(String text) throws java.io.IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }

        /** Sends {@code text} a byte per {@code pause}; answers how many bytes went out before the server closed. */
        int sendUntilClosed(String text, Duration pause) throws InterruptedException {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < bytes.length; i++) {
                if (closed.getCount() == 0) {
                    return i;
                }
                try {
                    socket.getOutputStream().write(bytes[i]);
                    socket.getOutputStream().flush();
                } catch (java.io.IOException broken) {
                    closed.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    return i;
                }
                Thread.sleep(pause.toMillis());
            }
            closed.await(30, java.util.concurrent.TimeUnit.SECONDS);
            return bytes.length;
        }

        boolean closedByServer() throws InterruptedException {
            return closed.await(30, java.util.concurrent.TimeUnit.SECONDS) && byServer.get();
        }

        String answer() throws InterruptedException {
            closed.await(30, java.util.concurrent.TimeUnit.SECONDS);
            return answer.toString();
        }

        /** Waits for the start of an answer without waiting for the close. */
        String awaitAnswer() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (answer.indexOf("\r\n\r\n") < 0 && System.nanoTime() < deadline && closed.getCount() > 0) {
                Thread.sleep(10);
            }
            return answer.toString();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    CompletableFuture<HttpResponse<String>> postAsync() {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(server.baseUri() + "/webhooks/shop"))
                .header("Content-Type", "application/json").header("X-Hub-Signature-256", "sha256=good")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void awaitHeld(int count) throws InterruptedException {
        assertThat(poll(() -> deployment.held.size() >= count)).as("held appends").isTrue();
    }

    static boolean poll(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }
}
