package dev.baton.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.baton.config.AppConfig;
import dev.baton.config.DispatchSettings;
import dev.baton.config.GraphSettings;
import dev.baton.config.PageConfig;
import dev.baton.config.PageSettings;
import dev.baton.config.ServerSettings;
import dev.baton.config.StoreSettings;
import dev.baton.emulator.ActionResult;
import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.EmulatorOptions;
import dev.baton.emulator.PageRegistration;
import dev.baton.emulator.TranscriptLine;
import dev.baton.event.Platform;
import dev.baton.runtime.PluginRegistry;
import dev.baton.spi.AppRole;
import dev.baton.spi.EventJournal;
import dev.baton.spi.JournaledBatch;
import dev.baton.store.memory.InMemoryConversationStore;
import dev.baton.store.memory.InMemoryEventJournal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The launcher's warm-up against the real emulator on loopback ports: the throwaway copy is driven (every
 * request answered 200), nothing of it reaches the real deployment's journal, app, way out to Meta, meter
 * registry or log (but its one summary line), and the real deployment then serves a person's message.
 * A request budget ends the warm-up, never a clock.
 */
class WarmupEndToEndTest {

    static final String PAGE = "1000";
    static final String APP_ID = "111";
    static final String SECRET = "app-secret-warm";
    static final String TOKEN = "page-token-warm";
    static final String VERIFY = "verify-token-warm";
    static final long BUDGET = 400;

    final EchoPlugin echo = new EchoPlugin();
    final CountingJournal journal = new CountingJournal();
    Emulator emulator;
    RunningPage page;

    @AfterEach
    void stop() {
        echo.release.countDown();
        if (page != null) {
            page.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void theWarmupLeavesTheRealDeploymentUntouchedAndItServesAfterwards() throws Exception {
        emulator = Emulator.start(EmulatorOptions.DEFAULTS);
        PageConfig config = new PageConfig(new PageSettings(PAGE, Platform.MESSENGER), null,
                GraphSettings.DEFAULTS.withBaseUrl(emulator.baseUrl()),
                new ServerSettings("127.0.0.1", 0, 1_048_576, Duration.ofSeconds(10), Duration.ofSeconds(30), 16,
                        Duration.ofSeconds(10), null).withDrainPeriod(Duration.ZERO),
                StoreSettings.MEMORY, DispatchSettings.DEFAULTS.withWorkers(2),
                List.of(AppConfig.of("shop", "echo", APP_ID, AppRole.DEFAULT, SECRET, TOKEN, VERIFY)));
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logged.start();
        root.addAppender(logged);
        try {
            page = PageLauncher.start(config, builder -> builder.plugins(PluginRegistry.of(echo))
                    .stores(journal, new InMemoryConversationStore(1000)).clock(emulator.clock()),
                    new PageLauncher.WarmupBudget(Duration.ofMinutes(5), BUDGET));
        } finally {
            root.detachAppender(logged);
        }

        RunningPage.WarmupResult warmup = page.warmup().orElseThrow();
        assertThat(warmup.requests()).isEqualTo(BUDGET);
        assertThat(warmup.ok()).as("every warm-up request answered 200 by the throwaway copy").isEqualTo(BUDGET);
        assertThat(journal.appends).as("batches appended to the real journal").hasValue(0);
        assertThat(echo.handled).as("events handled by the real app").isEmpty();
        assertThat(countedMeters(page.registry().getMeters())).as("real meters that counted anything").isEmpty();
        List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).filteredOn(line -> line.contains("warm-up")).singleElement()
                .satisfies(line -> assertThat(line).contains(BUDGET + " requests"));
        assertThat(lines).filteredOn(line -> line.contains("hosting app 'shop'")).hasSize(1);
        assertThat(lines).noneMatch(line -> line.equals("stopped"));
        assertThat(lines).noneMatch(line -> line.contains(SECRET) || line.contains(TOKEN) || line.contains(VERIFY));

        emulator.registerPage(PageRegistration.messenger(PAGE, APP_ID, List.of(
                AppRegistration.of(APP_ID, "shop", SECRET, TOKEN, page.webhookUri("shop"), VERIFY))));
        assertThat(emulator.conversations(PAGE)).as("conversations the warm-up made at Meta (the emulator)").isEmpty();
        ActionResult result = emulator.person(PAGE, "p1").text("hello");
        assertThat(result.webhooks()).singleElement()
                .satisfies(webhook -> assertThat(webhook.firstAttempt().status()).isEqualTo(200));
        assertThat(PageEndToEndTest.poll(() -> emulator.conversation(PAGE, "p1").orElseThrow().transcript().stream()
                .anyMatch(line -> line.direction() == TranscriptLine.Direction.OUTBOUND
                        && "echo: hello".equals(line.text())))).isTrue();
        assertThat(echo.handled).containsExactly("hello");
        assertThat(countedMeters(page.registry().getMeters())).as("the check above sees real traffic").isNotEmpty();
        assertThat(journal.appends.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void withoutAWarmupThereIsNoReport() throws Exception {
        PageConfig config = new PageConfig(new PageSettings(PAGE, Platform.MESSENGER), null, GraphSettings.DEFAULTS,
                new ServerSettings("127.0.0.1", 0, 1_048_576, Duration.ofSeconds(10), Duration.ofSeconds(30), 16,
                        Duration.ofSeconds(10), null).withDrainPeriod(Duration.ZERO),
                StoreSettings.MEMORY, DispatchSettings.DEFAULTS.withWorkers(2),
                List.of(AppConfig.of("shop", "echo", APP_ID, AppRole.DEFAULT, SECRET, TOKEN, VERIFY)));
        page = PageLauncher.start(config, builder -> builder.plugins(PluginRegistry.of(echo)));
        assertThat(page.warmup()).isEmpty();
    }

    /** The meters of the real registry that counted or timed anything (gauges show state, not traffic). */
    static List<String> countedMeters(List<Meter> meters) {
        return meters.stream().filter(meter -> meter instanceof Counter counter ? counter.count() > 0
                : meter instanceof FunctionCounter counter ? counter.count() > 0
                : meter instanceof Timer timer ? timer.count() > 0
                : meter instanceof DistributionSummary summary && summary.count() > 0)
                .map(meter -> meter.getId().toString()).toList();
    }

    /** The real deployment's journal: the heap one, counting appends (which the heap journal forgets once done). */
    static final class CountingJournal implements EventJournal {
        final InMemoryEventJournal delegate = new InMemoryEventJournal();
        final AtomicInteger appends = new AtomicInteger();

        @Override
        public CompletableFuture<Long> append(String appName, byte[] body, Instant receivedAt) {
            appends.incrementAndGet();
            return delegate.append(appName, body, receivedAt);
        }

        @Override
        public CompletableFuture<Long> append(String appName, byte[] body, Instant receivedAt, int eventCount) {
            appends.incrementAndGet();
            return delegate.append(appName, body, receivedAt, eventCount);
        }

        @Override
        public void markDone(long batchId, int eventIndex) {
            delegate.markDone(batchId, eventIndex);
        }

        @Override
        public List<JournaledBatch> pending() {
            return delegate.pending();
        }

        @Override
        public int prune(Instant cutoff) {
            return delegate.prune(cutoff);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
