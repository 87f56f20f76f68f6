package dev.baton.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.transport.ServerOptions;
import dev.baton.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * handled in the end.
 */
class HttpFuzzTest {

    private static final long SEED = 0xF022_2026L;
    private static final int CASES = 2_000;
    private static final int MAX_BODY = 256 * 1024;
    private static final Set<Integer> ALLOWED = Set.of(200, 400, 401, 403, 413, 415, 503);

    /** A signature (expected or given) would show as 64 hex digits. */
    private static final java.util.regex.Pattern HEX_DIGEST = java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");

    @TempDir
    Path dir;

    @Test
    void everyAnswerIsA4xxOr503TheServerStaysReadyAndOnlyAcceptedBatchesAreKept() throws Exception {
        DurableTestServer server = new DurableTestServer(dir, ServerOptions.loopback().withMaxBodyBytes(MAX_BODY)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2)));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Socket> slowClients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                slowClients.add(stallMidRequest(server.port(), i % 2 == 0));
            }
            List<HttpRequest> requests = requests(server.webhookUri());
            long began = System.nanoTime();
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            ExecutorService senders = Executors.newFixedThreadPool(6);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                int number = i + 1;
                HttpRequest request = requests.get(i);
                sent.add(senders.submit(() -> send(client, request, number, statuses, failures)));
            }
            for (Future<?> future : sent) {
                future.get(2, TimeUnit.MINUTES);
            }
            senders.shutdown();
            System.out.printf("HTTP fuzz: sent in %d ms%n", (System.nanoTime() - began) / 1_000_000);

            assertThat(failures).isEmpty();
            assertThat(statuses).containsKeys(200, 400, 401, 403, 413, 415);
            assertThat(get(client, server.uri("/health/ready"))).isEqualTo(200);
            byte[] valid = Corpus.load().get(0);
            HttpResponse<String> last = client.send(post(server.webhookUri(), valid, "application/json")
                    .header("X-Hub-Signature-256", WebhookSignature.sha256Header(valid, DurableTestServer.SECRET))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(last.statusCode()).isEqualTo(200);
            statuses.merge(200, 1, Integer::sum);
            for (Socket slow : slowClients) {
                assertThat(closedOrAnsweredWithin(slow, Duration.ofSeconds(20))).as("a stalled client is let go").isTrue();
            }

            assertThat(server.journaledBatches()).as("journaled = answered 200").isEqualTo(statuses.get(200).doubleValue());
            assertThat(server.dispatcher.awaitIdle(Duration.ofSeconds(60))).isTrue();
            server.stores.journal().prune(Instant.EPOCH); // a commit after every queued markDone
            assertThat(server.stores.journal().pending()).as("every accepted batch handled").isEmpty();
            System.out.printf("HTTP fuzz: idle at %d ms%n", (System.nanoTime() - began) / 1_000_000);
            System.out.println("HTTP fuzz: " + CASES + " cases, statuses " + statuses);
        } finally {
            for (Socket slow : slowClients) {
                slow.close();
            }
            server.stop();
        }
    }

    private static void send(HttpClient client, HttpRequest request, int number, Map<Integer, Integer> statuses,
            ConcurrentLinkedQueue<String> failures) {
        try {
            HttpResponse<String> response = sendOnce(client, request);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (!ALLOWED.contains(response.statusCode())) {
                failures.add("request " + number + " answered " + response.statusCode() + ": " + response.body());
            }
            if (response.body().contains(DurableTestServer.SECRET) || HEX_DIGEST.matcher(response.body()).find()) {
                failures.add("request " + number + " answered with a secret or a signature");
            }
        } catch (IOException e) {
            // Jetty may close the connection on a body over the limit before the client finished sending it.
            if (request.headers().firstValue("X-Fuzz-Oversized").isEmpty()) {
                failures.add("request " + number + " failed: " + e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends, trying a second time when a kept-alive connection turned out closed before any answer (the
     * server closes idle connections; a client can pick one in that instant). Meta retries such requests too.
     */
    private static HttpResponse<String> sendOnce(HttpClient client, HttpRequest request)
            throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("received no bytes")) {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            }
            throw e;
        }
    }

    /** The cases, made up front from the seed so that they do not depend on the order of sending. */
    private static List<HttpRequest> requests(URI uri) {
        PayloadMutator mutator = new PayloadMutator(SEED, Corpus.load());
        java.util.Random random = new java.util.Random(SEED);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            FuzzCase fuzz = mutator.next();
            byte[] body = fuzz.body();
            boolean oversized = random.nextInt(40) == 0;
            if (oversized) {
                body = Arrays.copyOf(body, MAX_BODY + 1 + random.nextInt(MAX_BODY));
            }
            String contentType = switch (random.nextInt(20)) {
                case 0 -> "text/plain";
                case 1 -> "application/x-www-form-urlencoded";
                case 2 -> "application/json; charset=utf-8";
                default -> "application/json";
            };
            HttpRequest.Builder request = post(uri, body, contentType);
            String header = IngestFuzzTest.header(new FuzzCase(fuzz.number(), body, fuzz.signing(), fuzz.mutation()));
            switch (fuzz.signing()) {
                case SHA1_ONLY -> request.header("X-Hub-Signature", WebhookSignature.sha1Header(body, DurableTestServer.SECRET));
                case DUPLICATED -> request.header("X-Hub-Signature-256", WebhookSignature.sha256Header(body, "other"))
                        .header("X-Hub-Signature-256", WebhookSignature.sha256Header(body, DurableTestServer.SECRET));
                case MISSING -> { }
                default -> request.header("X-Hub-Signature-256", header);
            }
            if (oversized) {
                request.header("X-Fuzz-Oversized", "1");
            }
            requests.add(request.build());
        }
        return requests;
    }

    private static HttpRequest.Builder post(URI uri, byte[] body, String contentType) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static int get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Opens a connection and stops half-way: in the headers, or in a body shorter than its Content-Length. */
    private static Socket stallMidRequest(int port, boolean inHeaders) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        String start = "POST /webhooks/" + DurableTestServer.APP + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        String rest = inHeaders ? "Content-Type: appl" : "Content-Type: application/json\r\nContent-Length: 5000\r\n"
                + "X-Hub-Signature-256: sha256=" + "0".repeat(64) + "\r\n\r\n{\"object\":\"page\",";
        out.write((start + rest).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** True once the server answered (any status) or closed the connection, within {@code limit}. */
    private static boolean closedOrAnsweredWithin(Socket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        InputStream in = socket.getInputStream();
        try {
            int first = in.read();
            return first == -1 || first == 'H';
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
