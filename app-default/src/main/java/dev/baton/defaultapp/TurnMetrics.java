package dev.baton.defaultapp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The default app's counters, tagged with the app instance name. Tags are bounded: entry points and answer
 * sources are enums, intent names come from the config. Never a person's id.
 */
final class TurnMetrics {

    private final MeterRegistry registry;
    private final String app;

    TurnMetrics(MeterRegistry registry, String app) {
        this.registry = registry;
        this.app = app;
    }

    void entry(EntryPoint entryPoint) {
        Counter.builder("baton.default.entries").description("turns by how the person reached the default app")
                .tag("app", app).tag("entry_point", entryPoint.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
    }

    void answered(String source) {
        Counter.builder("baton.default.answers").description("answers by what produced them")
                .tag("app", app).tag("source", source).register(registry).increment();
    }

    void escalated(String target, String reason) {
        Counter.builder("baton.default.escalations").description("conversations passed to humans")
                .tag("app", app).tag("target", target).tag("reason", reason).register(registry).increment();
    }

    /** A turn passed back to the humans of an open escalation ({@code reason}: why it was escalated). */
    void returnedToHumans(String reason) {
        Counter.builder("baton.default.returned_to_humans")
                .description("turns passed straight back to the humans of an open escalation")
                .tag("app", app).tag("reason", reason == null ? "unknown" : reason).register(registry).increment();
    }

    /** A redelivered event (after a crash) that this app had already finished handling. */
    void redeliveredSkipped() {
        Counter.builder("baton.default.redelivered_skipped")
                .description("events handed over again after a crash that had already been handled")
                .tag("app", app).register(registry).increment();
    }

    void notOwner() {
        Counter.builder("baton.default.skipped.not_owner").description("turns not answered: another app owns the thread")
                .tag("app", app).register(registry).increment();
    }
}
