package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static dev.baton.emulator.PageFixture.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.emulator.testing.ReceivedWebhook;
import dev.baton.emulator.testing.WebhookReceiver;
import dev.baton.event.EchoEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook delivery: Meta's signatures and escaping, order, batching, retries, and unsubscribing. */
class DeliveryTest {

    private PageFixture page;

    @AfterEach
    void stop() {
        page.close();
    }

    @Test
    void bodiesAreEscapedAsciiAndSignedBothWays() {
        page = PageFixture.withDefaultApp();

        page.act("messages", Map.of("text", "Grüße äöå 👋"));

        ReceivedWebhook post = page.receivers.get(DEFAULT_APP).received().get(0);
        assertThat(post.signatureValid()).isTrue();
        assertThat(post.legacySignatureValid()).isTrue();
        assertThat(post.headers().get("x-hub-signature-256")).startsWith("sha256=");
        assertThat(post.headers().get("x-hub-signature")).startsWith("sha1=");
        assertThat(post.bodyText()).contains("\\u00e4\\u00f6\\u00e5").contains("\\ud83d\\udc4b");
        assertThat(new String(post.body(), StandardCharsets.US_ASCII)).isEqualTo(post.bodyText());
        assertThat(((MessageEvent) post.batch().events().get(0)).message().text()).isEqualTo("Grüße äöå 👋");

        DeliveryRecord record = page.emulator.deliveries(DEFAULT_APP).get(0);
        assertThat(record.body()).isEqualTo(post.bodyText());
        assertThat(record.headers()).containsEntry("X-Hub-Signature-256", post.headers().get("x-hub-signature-256"));
        assertThat(record.status()).isEqualTo(200);
        JsonNode overHttp = page.http.get("/_emulator/apps/" + DEFAULT_APP + "/deliveries").json().path("deliveries");
        assertThat(overHttp).hasSize(1);
        assertThat(overHttp.get(0).path("body").asText()).isEqualTo(post.bodyText());
        assertThat(overHttp.get(0).path("status").asInt()).isEqualTo(200);
    }

    @Test
    void eventsCloseTogetherShareAPostAndStayInOrder() throws Exception {
        page = PageFixture.start(EmulatorOptions.forTests().withBatchWindow(Duration.ofMillis(1)),
                json -> json.put("default_app_id", DEFAULT_APP));
        page.act("messages", Map.of("text", "hi"));
        WebhookReceiver owner = page.receivers.get(DEFAULT_APP);
        owner.answerAfter(Duration.ofMillis(400));

        for (int i = 0; i < 6; i++) {
            assertThat(page.sendText(DEFAULT_APP, "reply " + i).status()).isEqualTo(200);
        }

        List<WebhookEvent> echoes = page.awaitNewEvents(DEFAULT_APP, 7).subList(1, 7);
        assertThat(echoes).map(event -> ((EchoEvent) event).message().text())
                .containsExactly("reply 0", "reply 1", "reply 2", "reply 3", "reply 4", "reply 5");
        assertThat(owner.received()).anySatisfy(post -> assertThat(post.batch().entries()).hasSizeGreaterThan(1));
        assertThat(owner.received().size()).isLessThan(7);
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameBody() throws Exception {
        page = PageFixture.withDefaultApp();
        page.receivers.get(DEFAULT_APP).answerNext(500, 502);

        JsonNode caused = page.act("messages", Map.of("text", "retry me"));

        assertThat(caused.get(0).path("delivery").path("status").asInt()).isEqualTo(500);
        page.receivers.get(DEFAULT_APP).awaitPosts(3, Duration.ofSeconds(10));
        List<DeliveryRecord> records = awaitRecords(DEFAULT_APP, 3);
        assertThat(records).extracting(DeliveryRecord::status).containsExactly(500, 502, 200);
        assertThat(records).extracting(DeliveryRecord::attempt).containsExactly(1, 2, 3);
        assertThat(records).extracting(DeliveryRecord::body).containsOnly(records.get(0).body());
    }

    @Test
    void noAnswerWithinTheTimeoutIsAFailureAndIsRetried() throws Exception {
        page = PageFixture.start(EmulatorOptions.forTests().withDeliveryTimeout(Duration.ofMillis(300)),
                json -> json.put("default_app_id", DEFAULT_APP));
        WebhookReceiver receiver = page.receivers.get(DEFAULT_APP);
        receiver.answerAfter(Duration.ofMillis(1500));

        JsonNode caused = page.act("messages", Map.of("text", "slow app"));
        receiver.answerAfter(Duration.ZERO);

        assertThat(caused.get(0).path("delivery").path("status").asInt()).isZero();
        DeliveryRecord first = page.emulator.deliveries(DEFAULT_APP).get(0);
        assertThat(first.failure()).contains("no answer");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (page.emulator.deliveries(DEFAULT_APP).stream().noneMatch(DeliveryRecord::succeeded)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<DeliveryRecord> records = page.emulator.deliveries(DEFAULT_APP);
        assertThat(records.get(records.size() - 1).succeeded()).as(records.toString()).isTrue();
        assertThat(records).extracting(DeliveryRecord::body).containsOnly(first.body());
    }

    @Test
    void anHourOfFailureUnsubscribesTheAppFromThePage() throws Exception {
        page = PageFixture.withDefaultApp();
        page.receivers.get(MARKETING).answerWith(500);

        page.act("messages", Map.of("text", "hello"));
        page.http.post("/_emulator/clock", Map.of("advance_seconds", 3600));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (page.emulator.isSubscribed(PageFixture.PAGE, MARKETING) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(page.emulator.isSubscribed(PageFixture.PAGE, MARKETING)).isFalse();
        JsonNode view = page.http.get("/_emulator/pages/" + PageFixture.PAGE).json();
        assertThat(view.path("unsubscribed_app_ids")).extracting(JsonNode::asText).containsExactly(MARKETING);
        assertThat(view.path("apps").get(1).path("subscribed").asBoolean()).isFalse();

        JsonNode caused = page.act("messages", Map.of("text", "anyone?"));
        assertThat(caused).extracting(node -> node.path("app_id").asText()).containsExactly(DEFAULT_APP);
        assertThat(page.emulator.isSubscribed(PageFixture.PAGE, DEFAULT_APP)).isTrue();
    }

    @Test
    void awaitDeliveriesReturnsOnceEverythingQueuedWasDelivered() {
        page = PageFixture.withDefaultApp();
        page.act("messages", Map.of("text", "hi"));
        page.receivers.get(DEFAULT_APP).answerNext(500);
        for (int i = 0; i < 5; i++) {
            page.sendText(DEFAULT_APP, "reply " + i);
        }

        JsonNode quiet = page.http.post("/_emulator/await-deliveries", Map.of("timeout_ms", 10_000)).json();

        assertThat(quiet.path("quiet").asBoolean()).isTrue();
        assertThat(page.receivers.get(DEFAULT_APP).events()).hasSize(1 + 5 + 1);
        assertThat(page.receivers.get(MARKETING).events()).hasSize(1 + 5);
        page.receivers.get(MARKETING).answerWith(500);
        page.sendText(DEFAULT_APP, "stuck");
        assertThat(page.emulator.awaitDeliveries(Duration.ofMillis(300))).isFalse();
    }

    private List<DeliveryRecord> awaitRecords(String app, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (page.emulator.deliveries(app).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " deliveries, got " + page.emulator.deliveries(app));
            }
            Thread.sleep(10);
        }
        return page.emulator.deliveries(app);
    }
}
