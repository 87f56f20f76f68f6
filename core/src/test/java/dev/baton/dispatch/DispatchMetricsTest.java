package dev.baton.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.event.Channel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DispatchMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DispatchMetrics metrics = new DispatchMetrics(registry);

    @Test
    void eventsAreCountedPerAppKindAndLowerCaseChannel() {
        metrics.event("shop", "message", Channel.MESSAGING);
        metrics.event("shop", "message", Channel.MESSAGING);
        metrics.event("shop", "message", Channel.STANDBY);
        metrics.event("shop", "postback", Channel.MESSAGING);
        metrics.event("other", "message", Channel.MESSAGING);

        assertThat(events("shop", "message", "messaging")).isEqualTo(2);
        assertThat(events("shop", "message", "standby")).isEqualTo(1);
        assertThat(events("shop", "postback", "messaging")).isEqualTo(1);
        assertThat(events("other", "message", "messaging")).isEqualTo(1);
        assertThat(registry.find("baton.dispatch.events").counters()).hasSize(4);
    }

    @Test
    void metersAppearOnlyOnceUsed() {
        metrics.event("shop", "message", Channel.MESSAGING);

        assertThat(registry.find("baton.dispatch.events").tag("channel", "standby").counter()).isNull();
        assertThat(registry.find("baton.dispatch.duplicates").counter()).isNull();
        assertThat(registry.find("baton.dispatch.handler.latency").timer()).isNull();
        assertThat(registry.find("baton.dispatch.timers.fired").counter()).isNull();

        metrics.duplicate("shop", "message");
        metrics.redelivered("shop", "timer");
        metrics.handlerFailure("shop", "message");
        metrics.otherPage("shop");
        metrics.timerFired("shop");
        metrics.listenerFailure();

        assertThat(count("baton.dispatch.duplicates", "shop", "message")).isEqualTo(1);
        assertThat(count("baton.dispatch.redelivered", "shop", "timer")).isEqualTo(1);
        assertThat(count("baton.dispatch.handler.failures", "shop", "message")).isEqualTo(1);
        assertThat(registry.get("baton.dispatch.other.page.events").tag("app", "shop").counter().count()).isEqualTo(1);
        assertThat(registry.get("baton.dispatch.timers.fired").tag("app", "shop").counter().count()).isEqualTo(1);
        assertThat(registry.get("baton.dispatch.listener.failures").counter().count()).isEqualTo(1);
    }

    @Test
    void theLatencyTimerIsBoundOnceAndTagged() {
        assertThat(metrics.handlerLatency("shop", "message")).isSameAs(metrics.handlerLatency("shop", "message"));
        metrics.handlerLatency("shop", "message").record(5, TimeUnit.MILLISECONDS);

        assertThat(registry.get("baton.dispatch.handler.latency").tag("app", "shop").tag("kind", "message")
                .timer().count()).isEqualTo(1);
        assertThat(metrics.handlerLatency("shop", "postback")).isNotSameAs(metrics.handlerLatency("shop", "message"));
    }

    @Test
    void concurrentFirstUseLosesNoCount() throws InterruptedException {
        int threads = 8;
        int perThread = 1_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    metrics.event("app" + (i % 3), "message", Channel.MESSAGING);
                }
            });
            thread.start();
            started.add(thread);
        }
        go.countDown();
        for (Thread thread : started) {
            thread.join();
        }

        double total = 0;
        for (int app = 0; app < 3; app++) {
            total += events("app" + app, "message", "messaging");
        }
        assertThat(total).isEqualTo(threads * perThread);
        assertThat(registry.find("baton.dispatch.events").counters()).hasSize(3);
    }

    private double events(String app, String kind, String channel) {
        return registry.get("baton.dispatch.events").tag("app", app).tag("kind", kind).tag("channel", channel)
                .counter().count();
    }

    private double count(String name, String app, String kind) {
        return registry.get(name).tag("app", app).tag("kind", kind).counter().count();
    }
}
