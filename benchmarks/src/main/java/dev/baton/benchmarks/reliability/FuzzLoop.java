package dev.baton.benchmarks.reliability;

import dev.baton.reliability.DurableTestServer;
import dev.baton.reliability.HttpFuzzCases;
import dev.baton.reliability.HttpFuzzSender;
import dev.baton.reliability.StalledClient;
import dev.baton.transport.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The long run of the HTTP fuzz suite ({@code HttpFuzzTest} in transport-jetty, whose harness this reuses
 * through that module's test-jar): N seeded cases from six connections, plus stalled clients, against the real
 * Jetty server, ingest, dispatcher and SQLite journal. Prints the answers by status, every rule broken (a 5xx,
 * a secret in an answer), readiness along the way, and whether the journal and the store hold exactly what the
 * accepted requests make: the journal's batch count must equal the 200 answers, and a fresh deployment fed only
 * the journaled batches must end with the same store rows. Exits 1 when any check fails.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.baton.benchmarks.reliability.FuzzLoop [cases=50000] [seed]
 * </pre>
 */
public final class FuzzLoop {

    private static final long DEFAULT_SEED = 0xF022_2026L; // HttpFuzzTest's seed: its cases are the first ones
    private static final int MAX_BODY = 256 * 1024;
    private static final int SENDERS = 6;
    private static final int READY_CHECK_EVERY = 5_000;

    private FuzzLoop() {}

    public static void main(String[] args) throws Exception {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        long seed = args.length > 1 ? Long.decode(args[1]) : DEFAULT_SEED;
        Path dir = Files.createTempDirectory("baton-fuzz-loop");
        boolean passed = run(cases, seed, dir);
        System.out.println(passed ? "FuzzLoop: PASSED" : "FuzzLoop: FAILED (files kept in " + dir + ")");
        if (passed) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.exit(passed ? 0 : 1);
    }

    static boolean run(int cases, long seed, Path dir) throws Exception {
        System.out.printf("FuzzLoop: %,d cases, seed %#x, %d senders, data in %s%n", cases, seed, SENDERS, dir);
        DurableTestServer server = new DurableTestServer(dir, ServerOptions.loopback().withMaxBodyBytes(MAX_BODY)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2)));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpFuzzSender sender = new HttpFuzzSender(client, DurableTestServer.SECRET);
        List<String> problems = new ArrayList<>();
        long began = System.nanoTime();
        double journaled;
        try {
            List<StalledClient> stalled = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                stalled.add(StalledClient.start(server.port(), DurableTestServer.APP, i % 2 == 0));
            }
            // a bounded queue, the main thread sending when it is full: cases are made as they are sent
            ThreadPoolExecutor senders = new ThreadPoolExecutor(SENDERS, SENDERS, 0, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(SENDERS * 8), new ThreadPoolExecutor.CallerRunsPolicy());
            HttpFuzzCases made = new HttpFuzzCases(server.webhookUri(), DurableTestServer.SECRET, seed, MAX_BODY);
            int notReady = 0;
            for (int i = 1; i <= cases; i++) {
                HttpRequest request = made.next();
                int number = i;
                senders.execute(() -> sender.send(request, number));
                if (i % READY_CHECK_EVERY == 0) {
                    int ready = get(client, server.uri("/health/ready"));
                    notReady += ready == 200 ? 0 : 1;
                    System.out.printf("  %,7d cases at %5.1f s: ready %d, answers %s%n", i, seconds(began), ready,
                            sender.statuses());
                }
            }
            senders.shutdown();
            if (!senders.awaitTermination(10, TimeUnit.MINUTES)) {
                problems.add("the senders did not finish within 10 minutes");
            }
            double sentSeconds = seconds(began);
            if (notReady > 0) {
                problems.add(notReady + " readiness checks during the run were not 200");
            }
            if (get(client, server.uri("/health/ready")) != 200) {
                problems.add("not ready after the run");
            }
            for (StalledClient slow : stalled) {
                if (!slow.letGoWithin(Duration.ofSeconds(20))) {
                    problems.add("a stalled client was still held after the run");
                }
                slow.close();
            }
            if (!server.dispatcher.awaitIdle(Duration.ofMinutes(2))) {
                problems.add("the dispatcher was not idle two minutes after the run");
            }
            server.stores.journal().prune(Instant.EPOCH); // a commit after every queued markDone
            int pending = server.stores.journal().pending().size();
            if (pending > 0) {
                problems.add(pending + " accepted batches were never fully handled");
            }
            journaled = server.journaledBatches();
            System.out.printf("FuzzLoop: sent in %.1f s (%,.0f cases/s), idle at %.1f s%n", sentSeconds,
                    cases / sentSeconds, seconds(began));
        } finally {
            server.stop();
        }
        problems.addAll(sender.failures());
        return report(sender.statuses(), journaled, problems, dir);
    }

    private static boolean report(Map<Integer, Integer> statuses, double journaled, List<String> problems, Path dir)
            throws Exception {
        int accepted = statuses.getOrDefault(200, 0);
        System.out.println("FuzzLoop: answers by status " + statuses);
        long serverErrors = statuses.entrySet().stream().filter(e -> e.getKey() >= 500 && e.getKey() != 503)
                .mapToLong(Map.Entry::getValue).sum();
        System.out.println("FuzzLoop: 5xx other than 503: " + serverErrors);
        StoreSnapshot fuzzed = StoreSnapshot.read(dir.resolve("baton.db"));
        if (fuzzed.journalBodies().size() != accepted || journaled != accepted) {
            problems.add("the journal holds " + fuzzed.journalBodies().size() + " batches (counter " + journaled
                    + ") for " + accepted + " answers 200");
        }
        StoreSnapshot reference = StoreSnapshot.read(ReferenceReplay.replay(fuzzed.journalBodies(), dir));
        System.out.printf("FuzzLoop: journal %,d batches = %,d answers 200; store rows %s, from the accepted"
                + " batches alone %s%n", fuzzed.journalBodies().size(), accepted, fuzzed.storeCounts(),
                reference.storeCounts());
        // Dedupe keys are order-free: the accepted batches alone must give exactly the same set.
        if (!fuzzed.dedupeKeys().equals(reference.dedupeKeys())) {
            problems.add("the dedupe keys differ from those the accepted batches alone make");
        }
        // Other rows depend on which of two lanes wins a mid both carry (only mutated bodies share a mid across
        // conversations), so only this holds for them: each belongs to a conversation of an accepted batch.
        Set<String> strangers = new TreeSet<>(fuzzed.conversations());
        strangers.removeAll(fuzzed.journaledConversations());
        if (!strangers.isEmpty()) {
            problems.add("store rows for conversations no accepted batch has: " + strangers);
        }
        problems.forEach(problem -> System.out.println("PROBLEM: " + problem));
        return problems.isEmpty();
    }

    private static int get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
