package dev.baton.benchmarks.emulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.EmulatorOptions;
import dev.baton.emulator.PageRegistration;
import dev.baton.emulator.testing.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How much traffic one emulator carries: T threads each send Send API text messages over HTTP to their own
 * person for S seconds (each send makes an echo for the two apps of the Page), then the harness waits until
 * every echo was delivered to the two signed loopback receivers. Reports sends/s with latency percentiles,
 * and webhook events/s with events per POST (the batching window at work). Also times person actions,
 * which wait for their deliveries.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.baton.benchmarks.emulator.EmulatorLoadHarness \
 *     --threads 16 --seconds 10 [--batch-window-ms 5]
 * </pre>
 */
public final class EmulatorLoadHarness {

    private static final String PAGE = "1001";

    private EmulatorLoadHarness() {}

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(option(args, "--threads", "16"));
        int seconds = Integer.parseInt(option(args, "--seconds", "10"));
        long window = Long.parseLong(option(args, "--batch-window-ms", "5"));
        EmulatorOptions options = EmulatorOptions.DEFAULTS.withGraphCallsPerSecond(1_000_000)
                .withBatchWindow(Duration.ofMillis(window));
        try (WebhookReceiver defaultApp = WebhookReceiver.start("secret-d", "verify-d");
             WebhookReceiver marketing = WebhookReceiver.start("secret-m", "verify-m");
             Emulator emulator = Emulator.start(options)) {
            emulator.registerPage(PageRegistration.messenger(PAGE, "2002", List.of(
                    AppRegistration.of("2002", "Default", "secret-d", "token-d", defaultApp.url(), "verify-d"),
                    AppRegistration.of("3003", "Marketing", "secret-m", "token-m", marketing.url(), "verify-m"))));
            for (int t = 0; t < threads; t++) {
                emulator.person(PAGE, "90" + t).text("hello");
            }
            System.out.printf("threads=%d seconds=%d batch-window=%d ms%n", threads, seconds, window);
            personActions(emulator);
            int baseline = defaultApp.events().size() + marketing.events().size();
            long[][] latencies = new long[threads][];
            long start = System.nanoTime();
            sends(emulator, threads, seconds, latencies);
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf("Send API: %,d sends in %.1f s = %,.0f sends/s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    all.length, sendSeconds, all.length / sendSeconds, percentile(all, 0.50), percentile(all, 0.99),
                    all[all.length - 1] / 1e6);
            int expected = baseline + 2 * all.length;
            while (defaultApp.events().size() + marketing.events().size() < expected) {
                Thread.sleep(10);
            }
            double deliverySeconds = (System.nanoTime() - start) / 1e9;
            int posts = defaultApp.received().size() + marketing.received().size();
            System.out.printf("webhooks: %,d echo events delivered %.1f s after the first send = %,.0f events/s; "
                    + "%,d POSTs in all, %.1f events per POST%n", 2 * all.length, deliverySeconds,
                    2 * all.length / deliverySeconds, posts, (double) expected / posts);
        }
    }

    private static void personActions(Emulator emulator) {
        int count = 500;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            emulator.person(PAGE, "8000").text("message " + i);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        System.out.printf("person actions (each waits for its 2 POSTs): %d in %.0f ms = %.2f ms each%n", count,
                millis, millis / count);
    }

    private static void sends(Emulator emulator, int threads, int seconds, long[][] latencies) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(threads);
        URI uri = URI.create(emulator.baseUrl() + "/v24.0/me/messages?access_token=token-d");
        for (int t = 0; t < threads; t++) {
            int thread = t;
            new Thread(() -> {
                List<Long> mine = new ArrayList<>();
                String body = "{\"messaging_type\":\"RESPONSE\",\"recipient\":{\"id\":\"90" + thread
                        + "\"},\"message\":{\"text\":\"Thanks, an agent will reply shortly.\"}}";
                try {
                    while (running.get()) {
                        long begin = System.nanoTime();
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("send failed: " + response.body());
                        }
                        mine.add(System.nanoTime() - begin);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    latencies[thread] = mine.stream().mapToLong(Long::longValue).toArray();
                    done.countDown();
                }
            }, "sender-" + t).start();
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        done.await();
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }

    private static String option(String[] args, String name, String absent) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return absent;
    }
}
