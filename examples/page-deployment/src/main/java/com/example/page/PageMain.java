package com.example.page;

import dev.baton.launcher.PageCommands;
import dev.baton.launcher.PageLauncher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * The Page jar's entry point.
 *
 * <ul>
 *   <li>{@code java -jar baton-example-page.jar page.yaml} (or {@code BATON_CONFIG}): production, see
 *       {@link PageLauncher}.</li>
 *   <li>{@code demo}: the embedded emulator plus this Page, a scripted day, a transcript, a metrics summary,
 *       exit 0.</li>
 *   <li>{@code setup [--dry-run] page.yaml} and {@code doctor page.yaml}: connect the Page to its apps at Meta
 *       (webhook subscriptions, Messenger Profile) and check that connection, see {@link PageCommands}.</li>
 *   <li>{@code serve}: the same, left running, printing the console's URL first (play the customer in the
 *       browser) and the emulator's control API for curl; Ctrl-C stops it.</li>
 * </ul>
 */
public final class PageMain {

    private PageMain() {}

    public static void main(String[] args) throws Exception {
        if (PageCommands.handles(args)) {
            System.exit(PageCommands.run(args, System.getenv(), System.out, System.err));
        }
        if (args.length == 1 && (args[0].equals("demo") || args[0].equals("serve"))) {
            if (System.getenv("BATON_LOG_LEVEL") == null && System.getProperty("BATON_LOG_LEVEL") == null) {
                System.setProperty("BATON_LOG_LEVEL", "WARN"); // keep the transcript readable
            }
            int code = args[0].equals("demo") ? demo(System.out) : serve(System.out);
            System.exit(code);
        }
        PageLauncher.main(args);
    }

    /** Plays the scripted day; answers the exit code. */
    static int demo(PrintStream out) throws Exception {
        try (DemoPage demo = DemoPage.start()) {
            new DemoDay(demo, out).play();
            out.println();
            printSummary(demo.page.registry(), out);
            return 0;
        }
    }

    static int serve(PrintStream out) throws Exception {
        DemoPage demo = DemoPage.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "demo-shutdown"));
        String emulator = demo.emulator.baseUrl();
        String page = demo.pageId();
        out.println("Console: " + demo.emulator.consoleUrl() + "  (open it in a browser: play the person, watch the routing)");
        out.println("Page " + page + " is served at " + demo.page.baseUri() + " (health: /health/ready, metrics: /metrics)");
        out.println("Emulator (Meta's side) at " + emulator + ". Or play the customer with curl, for example:");
        String person = emulator + "/_emulator/pages/" + page + "/people/";
        out.println("  curl -s -X POST " + person + "9001/messages -d '{\"text\":\"hello\"}'");
        out.println("  curl -s -X POST " + person + "9001/messages -d '{\"text\":\"I want a human\"}'");
        out.println("  curl -s -X POST " + person + "9001/inbox-reply -d '{\"text\":\"Hi, Anna here\"}'");
        out.println("  curl -s -X POST " + person + "9002/link -d '{\"ref\":\"hours\"}'");
        out.println("  curl -s -X POST " + person + "9003/ad-click -d '{\"ad_id\":\"120210000000000001\","
                + "\"receiving_app_id\":\"" + demo.appId("marketing") + "\",\"text\":\"Hi\"}'");
        out.println("  curl -s " + person + "9001          # owner and transcript");
        out.println("  curl -s -X POST " + emulator + "/_emulator/clock -d '{\"advance_seconds\": 86400}'");
        out.println("See emulator/README.md for every control API path. Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    static void printSummary(MeterRegistry registry, PrintStream out) {
        Map<String, Double> counts = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            String name = meter.getId().getName();
            if (meter instanceof Counter counter && name.startsWith("baton.") && counter.count() > 0) {
                String tags = meter.getId().getTags().stream()
                        .filter(tag -> !tag.getKey().equals("page"))
                        .map(tag -> tag.getKey() + "=" + tag.getValue()).reduce((a, b) -> a + "," + b).orElse("");
                counts.merge(name + (tags.isEmpty() ? "" : "{" + tags + "}"), counter.count(), Double::sum);
            }
        }
        out.println("== Metrics (counters that moved; the full set is at /metrics)");
        counts.forEach((name, value) -> out.println("   " + name + " = " + Math.round(value)));
    }
}
