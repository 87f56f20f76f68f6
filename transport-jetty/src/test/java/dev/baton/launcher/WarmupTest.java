package dev.baton.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.AppConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.DispatchSettings;
import dev.baton.config.GraphSettings;
import dev.baton.config.PageConfig;
import dev.baton.config.PageSettings;
import dev.baton.config.ServerSettings;
import dev.baton.config.StoreSettings;
import dev.baton.event.Platform;
import dev.baton.spi.AppRole;
import dev.baton.transport.ServerOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The warm-up alone: its setting, and a throwaway copy of each platform's shape answering every request 200. */
class WarmupTest {

    static PageConfig config(Platform platform, Duration warmup) {
        return new PageConfig(new PageSettings("1000", platform), null, GraphSettings.DEFAULTS,
                ServerSettings.DEFAULTS.withPort(0).withWarmup(warmup), StoreSettings.MEMORY,
                DispatchSettings.DEFAULTS.withWorkers(2),
                List.of(AppConfig.of("shop", "echo", "111", AppRole.DEFAULT, "s1", "t1", "v1"),
                        AppConfig.of("helpdesk", "echo", "222", AppRole.INBOX, "s2", "t2", "v2")));
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void everyRequestOfBothShapesToEveryAppIsAnswered200AndNothingGoesOut(Platform platform) throws Exception {
        PageConfig config = config(platform, Duration.ofSeconds(1));
        ServerOptions options = ServerOptionsFromConfig.map(config.server());

        Warmup.Report report = Warmup.run(config, options, Duration.ofMinutes(5), 120);

        assertThat(report.requests()).isEqualTo(120);
        assertThat(report.ok()).isEqualTo(120);
        assertThat(report.otherStatus()).isZero();
        assertThat(report.ioFailures()).isZero();
        assertThat(report.outboundCalls()).isZero();
        assertThat(report.describe()).contains("120 requests").contains("120 answered 200")
                .doesNotContain("s1").doesNotContain("s2");
    }

    @Test
    void theThrowawayServerListensOnLoopbackWithPlainHttpAndNoDrainWait() {
        ServerOptions options = ServerOptions.DEFAULTS.withDrainPeriod(Duration.ofSeconds(30));
        ServerOptions throwaway = Warmup.throwawayOptions(options);
        assertThat(throwaway.host()).isEqualTo("127.0.0.1");
        assertThat(throwaway.port()).isZero();
        assertThat(throwaway.tls()).isEmpty();
        assertThat(throwaway.drainPeriod()).isZero();
        assertThat(throwaway.maxThreads()).isEqualTo(options.maxThreads());
        assertThat(throwaway.maxBodyBytes()).isEqualTo(options.maxBodyBytes());
    }

    @Test
    void zeroIsOffAndANegativeOrHugeWarmupIsRefusedNamingTheKey() {
        assertThat(Warmup.configured(ServerSettings.DEFAULTS)).isEmpty();
        assertThat(Warmup.configured(ServerSettings.DEFAULTS.withWarmup(Duration.ofSeconds(10))))
                .contains(Duration.ofSeconds(10));
        assertThatThrownBy(() -> Warmup.configured(ServerSettings.DEFAULTS.withWarmup(Duration.ofSeconds(-5))))
                .isInstanceOf(ConfigException.class).hasMessage("server.warmup: must not be negative (0s turns the warm-up off)");
        assertThatThrownBy(() -> Warmup.configured(ServerSettings.DEFAULTS.withWarmup(Duration.ofMinutes(11))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("server.warmup: must be at most 10m");
    }

    @Test
    void aSqlitePageWarmsUpOnAThrowawaySqliteFileAndLeavesTheRealOneAlone(@TempDir Path dataDir) throws Exception {
        Path realFile = dataDir.resolve("baton.db");
        PageConfig config = config(Platform.MESSENGER, Duration.ofSeconds(1))
                .withStore(StoreSettings.of("sqlite").with("path", realFile.toString()));
        WarmupDeployment copy = WarmupDeployment.start(config);
        try {
            assertThat(copy.durable()).as("the durable path is compiled too").isTrue();
        } finally {
            copy.close();
        }
        Warmup.Report report = Warmup.run(config, ServerOptionsFromConfig.map(config.server()), Duration.ofMinutes(5), 60);
        assertThat(report.ok()).isEqualTo(60);
        assertThat(realFile).as("the real store's file is never opened").doesNotExist();
        assertThat(WarmupDeployment.start(config(Platform.MESSENGER, Duration.ofSeconds(1))))
                .satisfies(heap -> {
                    assertThat(heap.durable()).as("any other store: the heap copy").isFalse();
                    heap.close();
                });
    }
}
