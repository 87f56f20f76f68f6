package dev.baton.emulator;

import static dev.baton.emulator.PageFixture.DEFAULT_APP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.emulator.testing.ReceivedWebhook;
import dev.baton.event.EchoEvent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault injection under /_emulator/faults: duplicated, delayed and reordered POSTs; failing and slow Graph calls. */
class FaultsTest {

    private PageFixture page;

    @BeforeEach
    void defaultAppOwns() {
        page = PageFixture.withDefaultApp();
        page.act("messages", Map.of("text", "hi"));
        page.newEvents(DEFAULT_APP);
    }

    @AfterEach
    void stop() {
        page.close();
    }

    @Test
    void aDuplicatedDeliveryArrivesTwiceWithTheSameBody() throws Exception {
        fault(Map.of("kind", "duplicate_delivery", "app_id", DEFAULT_APP));

        page.act("messages", Map.of("text", "once"));

        List<ReceivedWebhook> posts = page.receivers.get(DEFAULT_APP).awaitPosts(3, Duration.ofSeconds(10));
        assertThat(posts.get(2).bodyText()).isEqualTo(posts.get(1).bodyText());
        assertThat(posts.get(2).signatureValid()).isTrue();
    }

    @Test
    void reorderedDeliveriesArriveSwapped() throws Exception {
        fault(Map.of("kind", "reorder_deliveries", "app_id", DEFAULT_APP));

        page.sendText(DEFAULT_APP, "first");
        page.sendText(DEFAULT_APP, "second");

        assertThat(page.awaitNewEvents(DEFAULT_APP, 2)).map(event -> ((EchoEvent) event).message().text())
                .containsExactly("second", "first");
    }

    @Test
    void aDelayedDeliveryStillArrivesAndKeepsTheOrder() throws Exception {
        fault(Map.of("kind", "delay_delivery", "app_id", DEFAULT_APP, "delay_ms", 200));

        page.sendText(DEFAULT_APP, "late");
        page.sendText(DEFAULT_APP, "later");

        assertThat(page.awaitNewEvents(DEFAULT_APP, 2)).map(event -> ((EchoEvent) event).message().text())
                .containsExactly("late", "later");
    }

    @Test
    void graphFaultsAnswer5xxThen613ThenSlowlyAndFailedCallsDoNothing() {
        fault(Map.of("kind", "graph_5xx", "count", 2));
        fault(Map.of("kind", "graph_613"));
        fault(Map.of("kind", "graph_slow", "delay_ms", 50));
        assertThat(page.http.get("/_emulator/faults").json().path("graph")).hasSize(3);

        HttpJson.Answer first = page.sendText(DEFAULT_APP, "a");
        HttpJson.Answer second = page.sendText(DEFAULT_APP, "b");
        HttpJson.Answer third = page.sendText(DEFAULT_APP, "c");
        HttpJson.Answer fourth = page.sendText(DEFAULT_APP, "d");
        HttpJson.Answer fifth = page.sendText(DEFAULT_APP, "e");

        assertThat(Arrays.asList(first.status(), second.status())).containsOnly(500);
        assertThat(first.errorCode()).isEqualTo(2);
        assertThat(first.json().path("error").path("is_transient").asBoolean()).isTrue();
        assertThat(third.errorCode()).isEqualTo(613);
        assertThat(fourth.status()).isEqualTo(200);
        assertThat(fifth.status()).isEqualTo(200);
        assertThat(page.conversation().path("transcript")).extracting(line -> line.path("text").asText())
                .containsExactly("hi", "d", "e");
    }

    @Test
    void aBadGatewayFaultDoesTheCallAndAnswersA502WithoutMetasEnvelope() {
        page.emulator.faults().failNextGraphCalls(1, Faults.GraphFaultKind.BAD_GATEWAY);

        HttpJson.Answer lost = page.sendText(DEFAULT_APP, "done anyway");
        HttpJson.Answer next = page.sendText(DEFAULT_APP, "next");

        assertThat(lost.status()).isEqualTo(502);
        assertThat(lost.json().has("error")).isFalse();
        assertThat(next.status()).isEqualTo(200);
        assertThat(page.conversation().path("transcript")).extracting(line -> line.path("text").asText())
                .containsExactly("hi", "done anyway", "next");
        assertThat(page.http.get("/_emulator/faults").json().path("graph")).isEmpty();
    }

    @Test
    void aSlowFaultWaitsBeforeTheCallAndASlowAnswerFaultAfterIt() {
        fault(Map.of("kind", "graph_slow", "delay_ms", 200));
        fault(Map.of("kind", "graph_slow_answer", "delay_ms", 200));

        assertThat(page.sendText(DEFAULT_APP, "waited, then done").status()).isEqualTo(200);
        assertThat(page.sendText(DEFAULT_APP, "done, then waited").status()).isEqualTo(200);

        List<GraphCall> calls = page.emulator.graphCalls();
        GraphCall slow = calls.get(calls.size() - 2);
        GraphCall slowAnswer = calls.get(calls.size() - 1);
        assertThat(slow.text()).isEqualTo("waited, then done");
        assertThat(Duration.between(slow.receivedAt(), slow.doneAt())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(slowAnswer.text()).isEqualTo("done, then waited");
        assertThat(Duration.between(slowAnswer.doneAt(), slowAnswer.answeredAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(page.conversation().path("transcript")).extracting(line -> line.path("text").asText())
                .containsExactly("hi", "waited, then done", "done, then waited");
        assertThat(page.http.get("/_emulator/faults").json().path("graph")).isEmpty();
    }

    @Test
    void everyGraphCallIsLoggedInOrderWithWhatItAskedAndItsAnswerButNoToken() {
        int before = page.emulator.graphCalls().size();
        page.sendText(DEFAULT_APP, "to be logged");
        page.graphPost(DEFAULT_APP, "me/pass_thread_control", Map.of("recipient", Map.of("id", PageFixture.PSID),
                "target_app_id", PageFixture.INBOX, "metadata", "over to you"));
        HttpJson.Answer refused = page.graphPost(DEFAULT_APP, "me/pass_thread_control", Map.of("recipient",
                Map.of("id", PageFixture.PSID), "target_app_id", PageFixture.INBOX, "metadata", "again"));
        page.http.post("/v24.0/me/messages?access_token=wrong", Map.of("recipient", Map.of("id", PageFixture.PSID)));

        List<GraphCall> calls = page.emulator.graphCalls().subList(before, before + 4);
        assertThat(calls).extracting(GraphCall::edge).containsExactly("messages", "pass_thread_control",
                "pass_thread_control", "messages");
        assertThat(calls).extracting(GraphCall::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(calls.get(0).appId()).isEqualTo(DEFAULT_APP);
        assertThat(calls.get(0).recipientId()).isEqualTo(PageFixture.PSID);
        assertThat(calls.get(0).text()).isEqualTo("to be logged");
        assertThat(calls.get(0).succeeded()).isTrue();
        assertThat(calls.get(1).metadata()).isEqualTo("over to you");
        assertThat(calls.get(1).targetAppId()).isEqualTo(PageFixture.INBOX);
        assertThat(calls.get(1).succeeded()).isTrue();
        assertThat(refused.status()).isEqualTo(calls.get(2).status()).isNotEqualTo(200);
        assertThat(calls.get(2).errorCode()).isEqualTo(refused.errorCode()).isNotZero();
        assertThat(calls.get(3).appId()).as("a refused token names no app").isNull();
        assertThat(calls.get(3).errorCode()).isEqualTo(190);
        assertThat(calls.toString()).doesNotContain(PageFixture.token(DEFAULT_APP)).doesNotContain("wrong");
    }

    @Test
    void faultsCanBeListedAndCleared() {
        fault(Map.of("kind", "duplicate_delivery", "app_id", DEFAULT_APP));
        assertThat(page.http.get("/_emulator/faults").json().path("webhooks").has(DEFAULT_APP)).isTrue();

        page.http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(page.emulator.baseUrl() + "/_emulator/faults")).DELETE());

        assertThat(page.http.get("/_emulator/faults").json().path("webhooks").isEmpty()).isTrue();
        assertThat(page.http.post("/_emulator/faults", Map.of("kind", "explode")).status()).isEqualTo(400);
    }

    private void fault(Map<String, Object> fault) {
        assertThat(page.http.post("/_emulator/faults", fault).status()).isEqualTo(200);
    }
}
