package dev.baton.inboxbridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The bridge's meters, tagged with the app instance name and mode; never a person's id.
 * <ul>
 *   <li>{@code baton.inbox_bridge.handoffs{how}} — conversations taken to humans;</li>
 *   <li>{@code baton.inbox_bridge.time_to_human} — handoff to the first human action;</li>
 *   <li>{@code baton.inbox_bridge.time_to_first_reply} — handoff to the first human reply;</li>
 *   <li>{@code baton.inbox_bridge.handbacks{via}} — conversations that left the humans, and how;</li>
 *   <li>{@code baton.inbox_bridge.replies{outcome}} — helpdesk replies: sent, human_agent_tag, undeliverable...;</li>
 *   <li>{@code baton.inbox_bridge.helpdesk_failures} — calls to the helpdesk that failed;</li>
 *   <li>{@code baton.inbox_bridge.personas{outcome}} — agent replies sent as a persona ({@code used}), or
 *       without one because making it failed ({@code failed}) or the deployment models none ({@code unsupported}).</li>
 * </ul>
 */
final class BridgeMetrics {

    private final MeterRegistry registry;
    private final String app;
    private final String mode;

    BridgeMetrics(MeterRegistry registry, String app, String mode) {
        this.registry = registry;
        this.app = app;
        this.mode = mode;
    }

    /** {@code how}: {@code bridge} (passed to the bridge), {@code inbox-took} (an agent answered unasked). */
    void handoff(String how) {
        Counter.builder("baton.inbox_bridge.handoffs").description("conversations handed to humans")
                .tag("app", app).tag("mode", mode).tag("how", how).register(registry).increment();
    }

    void timeToHuman(long millis) {
        timer("baton.inbox_bridge.time_to_human", "from handoff to the first human action").record(Duration.ofMillis(millis));
    }

    void timeToFirstReply(long millis) {
        timer("baton.inbox_bridge.time_to_first_reply", "from handoff to the first human reply")
                .record(Duration.ofMillis(millis));
    }

    void handBack(String via) {
        Counter.builder("baton.inbox_bridge.handbacks").description("conversations that left the humans")
                .tag("app", app).tag("mode", mode).tag("via", via).register(registry).increment();
    }

    void reply(String outcome) {
        Counter.builder("baton.inbox_bridge.replies").description("helpdesk agent replies by outcome")
                .tag("app", app).tag("mode", mode).tag("outcome", outcome).register(registry).increment();
    }

    void persona(String outcome) {
        Counter.builder("baton.inbox_bridge.personas").description("agent replies by persona outcome")
                .tag("app", app).tag("mode", mode).tag("outcome", outcome).register(registry).increment();
    }

    /** The hosted default app passed a lapsed thread back so that an agent's reply could go out. */
    void reclaimed() {
        Counter.builder("baton.inbox_bridge.reclaims").description("threads had back from the hosted default app")
                .tag("app", app).tag("mode", mode).register(registry).increment();
    }

    /** The default app passed a returning person straight back during an open episode (no new handoff). */
    void returned() {
        Counter.builder("baton.inbox_bridge.returns")
                .description("people who came back to the default app during an open episode, passed straight back")
                .tag("app", app).tag("mode", mode).register(registry).increment();
    }

    /** A redelivered event (after a crash) that the bridge had already finished handling. */
    void redeliveredSkipped() {
        Counter.builder("baton.inbox_bridge.redelivered_skipped")
                .description("events handed over again after a crash that had already been handled")
                .tag("app", app).register(registry).increment();
    }

    void helpdeskFailure(String call) {
        Counter.builder("baton.inbox_bridge.helpdesk_failures").description("calls to the helpdesk that failed")
                .tag("app", app).tag("call", call).register(registry).increment();
    }

    private Timer timer(String name, String description) {
        return Timer.builder(name).description(description).tag("app", app).tag("mode", mode).register(registry);
    }
}
