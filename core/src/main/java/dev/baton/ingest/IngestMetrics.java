package dev.baton.ingest;

import dev.baton.server.WebhookAnswer;
import dev.baton.server.WebhookAnswer.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code baton.webhook.batches{app,outcome,reason}} (accepted / rejected, by reason) and
 * {@code baton.webhook.subscription.checks{app,outcome}}. Requests for an unknown app are tagged
 * {@code app=unknown}: the path is the sender's choice and must not grow the tag set.
 *
 * <p>Counters are registered on first use and then kept per app in a small array indexed by reason and
 * outcome, so counting a batch is one map lookup by app name and an array read, without building a meter id.
 */
final class IngestMetrics {

    private static final int SLOTS = Reason.values().length * 2;

    private final MeterRegistry registry;
    private final Map<String, AtomicReferenceArray<Counter>> batches = new ConcurrentHashMap<>();
    private final Map<String, Counter> subscriptionChecks = new ConcurrentHashMap<>();

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void batch(String appName, WebhookAnswer result) {
        String app = appName == null ? "unknown" : appName;
        AtomicReferenceArray<Counter> counters = batches.get(app);
        if (counters == null) {
            counters = batches.computeIfAbsent(app, ignored -> new AtomicReferenceArray<>(SLOTS));
        }
        boolean accepted = result.isOk();
        int slot = result.reason().ordinal() * 2 + (accepted ? 1 : 0);
        Counter counter = counters.get(slot);
        if (counter == null) {
            // A race registers twice; the registry answers both with the one meter of that id.
            counter = Counter.builder("baton.webhook.batches").tag("app", app)
                    .tag("outcome", accepted ? "accepted" : "rejected").tag("reason", result.reason().tag())
                    .register(registry);
            counters.set(slot, counter);
        }
        counter.increment();
    }

    void subscriptionCheck(String appName, boolean accepted) {
        String outcome = accepted ? "accepted" : "rejected";
        subscriptionChecks.computeIfAbsent(appName + '\n' + outcome, ignored -> Counter
                .builder("baton.webhook.subscription.checks").tag("app", appName).tag("outcome", outcome)
                .register(registry)).increment();
    }
}
