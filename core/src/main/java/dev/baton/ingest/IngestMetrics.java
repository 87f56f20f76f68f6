package dev.baton.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code baton.webhook.batches{app,outcome,reason}} (accepted / rejected, by reason) and
 * {@code baton.webhook.subscription.checks{app,outcome}}. Requests for an unknown app are tagged
 * {@code app=unknown}: the path is the sender's choice and must not grow the tag set.
 */
final class IngestMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void batch(String appName, IngestResult result) {
        String app = appName == null ? "unknown" : appName;
        String outcome = result.isOk() ? "accepted" : "rejected";
        String reason = result.reason().tag();
        counter("baton.webhook.batches", app, outcome, reason).increment();
    }

    void subscriptionCheck(String appName, boolean accepted) {
        counter("baton.webhook.subscription.checks", appName, accepted ? "accepted" : "rejected", null).increment();
    }

    private Counter counter(String name, String app, String outcome, String reason) {
        String id = name + '\n' + app + '\n' + outcome + '\n' + reason;
        return counters.computeIfAbsent(id, ignored -> {
            Counter.Builder builder = Counter.builder(name).tag("app", app).tag("outcome", outcome);
            if (reason != null) {
                builder.tag("reason", reason);
            }
            return builder.register(registry);
        });
    }
}
