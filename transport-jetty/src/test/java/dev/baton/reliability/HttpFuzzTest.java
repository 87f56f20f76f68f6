package dev.baton.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.transport.ServerOptions;
import dev.baton.webhook.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded mutator over HTTP against the real server, ingest, dispatcher and SQLite journal: mutated
 * bodies, broken and duplicated signature headers, wrong content types, bodies over the limit, and slow
 * clients that stall mid-request, all at once from several connections. Every answer must be a 4xx (or a
 * 503), the server must stay ready, and the journal must hold exactly the batches answered 200, each fully
 * handled in the end. The long run of the same cases is {@code dev.baton.benchmarks.reliability.FuzzLoop}.
 */
class HttpFuzzTest {

    private static final long SEED = 0xF022_2026L;
    private static final int CASES = 2_000;
    private static final int MAX_BODY = 256 * 1024;

    @TempDir
    Path dir;

    @Test
    void everyAnswerIsA4xxOr503TheServerStaysReadyAndOnlyAcceptedBatchesAreKept() throws Exception {
        DurableTestServer server = new DurableTestServer(dir, ServerOptions.loopback().withMaxBodyBytes(MAX_BODY)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2)));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpFuzzSender sender = new HttpFuzzSender(client, DurableTestServer.SECRET);
        List<StalledClient> slowClients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                slowClients.add(StalledClient.start(server.port(), DurableTestServer.APP, i % 2 == 0));
            }
            List<HttpRequest> requests = requests(server.webhookUri());
            long began = System.nanoTime();
            ExecutorService senders = Executors.newFixedThreadPool(6);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                int number = i + 1;
                HttpRequest request = requests.get(i);
                sent.add(senders.submit(() -> sender.send(request, number)));
            }
            for (Future<?> future : sent) {
                future.get(2, TimeUnit.MINUTES);
            }
            senders.shutdown();
            System.out.printf("HTTP fuzz: sent in %d ms%n", (System.nanoTime() - began) / 1_000_000);

            assertThat(sender.failures()).isEmpty();
            assertThat(sender.statuses()).containsKeys(200, 400, 401, 403, 413, 415);
            assertThat(get(client, server.uri("/health/ready"))).isEqualTo(200);
            byte[] valid = Corpus.load().get(0);
            HttpResponse<String> last = client.send(HttpFuzzCases.post(server.webhookUri(), valid, "application/json")
                    .header("X-Hub-Signature-256", WebhookSignature.sha256Header(valid, DurableTestServer.SECRET))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(last.statusCode()).isEqualTo(200);
            sender.record(200);
            for (StalledClient slow : slowClients) {
                assertThat(slow.letGoWithin(Duration.ofSeconds(20))).as("a stalled client is let go").isTrue();
            }

            assertThat(server.journaledBatches()).as("journaled = answered 200")
                    .isEqualTo(sender.statuses().get(200).doubleValue());
            assertThat(server.dispatcher.awaitIdle(Duration.ofSeconds(60))).isTrue();
            server.stores.journal().prune(Instant.EPOCH); // a commit after every queued markDone
            assertThat(server.stores.journal().pending()).as("every accepted batch handled").isEmpty();
            System.out.printf("HTTP fuzz: idle at %d ms%n", (System.nanoTime() - began) / 1_000_000);
            System.out.println("HTTP fuzz: " + CASES + " cases, statuses " + sender.statuses());
        } finally {
            for (StalledClient slow : slowClients) {
                slow.close();
            }
            server.stop();
        }
    }

    /** The cases, made up front from the seed so that they do not depend on the order of sending. */
    private static List<HttpRequest> requests(URI uri) {
        HttpFuzzCases cases = new HttpFuzzCases(uri, DurableTestServer.SECRET, SEED, MAX_BODY);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            requests.add(cases.next());
        }
        return requests;
    }

    private static int get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
