package dev.baton.marketing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The marketing app's meters. Tags are the app instance name, the campaign name (from config, so bounded) and
 * the outcome or lead kind; never a person's id, an ad id from outside the config, or message text.
 */
final class CampaignMetrics {

    static final String NO_CAMPAIGN = "none";

    private final MeterRegistry registry;
    private final String app;

    CampaignMetrics(MeterRegistry registry, String app) {
        this.registry = registry;
        this.app = app;
    }

    void started(String campaign) {
        counter("baton.marketing.conversations.started", campaign).increment();
    }

    void finished(Attribution attribution) {
        Counter.builder("baton.marketing.conversations.finished")
                .description("Marketing conversations ended, by campaign and outcome")
                .tags("app", app, "campaign", attribution.campaign(), "outcome", attribution.outcome().tag())
                .register(registry)
                .increment();
        attribution.timeToFirstReply().ifPresent(duration -> Timer.builder("baton.marketing.first.reply")
                .description("From the ad tap to the person's first answer to the welcome")
                .tags("app", app, "campaign", attribution.campaign())
                .register(registry)
                .record(duration));
    }

    void leadStored(String campaign, LeadCapture.Kind kind) {
        Counter.builder("baton.marketing.leads")
                .description("Leads collected and stored")
                .tags("app", app, "campaign", campaign, "kind", kind.configName())
                .register(registry)
                .increment();
    }

    void leadInvalid(String campaign) {
        counter("baton.marketing.leads.invalid", campaign).increment();
    }

    void leadSinkFailed(String campaign) {
        counter("baton.marketing.leads.failed", campaign).increment();
    }

    /** A redelivered event (after a crash) that the app had already finished handling. */
    void redeliveredSkipped() {
        Counter.builder("baton.marketing.redelivered_skipped")
                .description("Events handed over again after a crash that had already been handled")
                .tags("app", app).register(registry).increment();
    }

    private Counter counter(String name, String campaign) {
        return Counter.builder(name).tags("app", app, "campaign", campaign).register(registry);
    }
}
