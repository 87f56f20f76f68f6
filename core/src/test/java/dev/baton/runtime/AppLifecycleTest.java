package dev.baton.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.baton.config.PageConfig;
import dev.baton.config.PageConfigLoader;
import dev.baton.spi.AppContext;
import dev.baton.spi.AppPlugin;
import dev.baton.spi.ConversationApp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deployment closes what its apps opened: last started app first, within the shutdown timeout. */
class AppLifecycleTest {

    private static final String TWO_APPS = """
            page: { id: "100", platform: messenger }
            store: { type: memory }
            apps:
              - { name: first, plugin: PLUGIN_A, appId: "111", role: default, secret: s1, accessToken: t1, verifyToken: v1 }
              - { name: second, plugin: PLUGIN_B, appId: "222", role: marketing, secret: s2, accessToken: t2, verifyToken: v2 }
            """;

    private final List<String> closed = new CopyOnWriteArrayList<>();

    /** A resource that notes its closing in {@link #closed}. */
    final class Resource implements AutoCloseable {
        final String name;

        Resource(String name) {
            this.name = name;
        }

        @Override
        public void close() {
            closed.add(name);
        }
    }

    /** A Guice-free plugin: opens two resources, and its app is closeable too. */
    final class ClosingPlugin implements AppPlugin {
        private final String name;

        ClosingPlugin(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ConversationApp create(AppContext context) {
            String app = context.app().name();
            context.closeOnShutdown(new Resource(app + ".pool"));
            context.closeOnShutdown(new Resource(app + ".file"));
            return new ClosingApp(app);
        }
    }

    final class ClosingApp implements ConversationApp, AutoCloseable {
        private final String name;

        ClosingApp(String name) {
            this.name = name;
        }

        @Override
        public void close() {
            closed.add(name + ".app");
        }
    }

    private static Deployment build(String pluginA, String pluginB, AppPlugin... plugins) {
        PageConfig config = new PageConfigLoader(Map.of()).parse(
                TWO_APPS.replace("PLUGIN_A", pluginA).replace("PLUGIN_B", pluginB), PageConfigLoader.Format.YAML);
        return Deployment.builder(config).plugins(PluginRegistry.of(plugins))
                .outbound(new DeploymentTest.RecordingOutbounds()).registry(new SimpleMeterRegistry()).build();
    }

    @Test
    void appsCloseInReverseStartOrderEachAppBeforeWhatItOpened() {
        Deployment deployment = build("closing", "closing", new ClosingPlugin("closing"));
        deployment.start();
        assertThat(deployment.drain(Duration.ofSeconds(30))).isTrue();
        assertThat(closed).isEmpty();

        deployment.close();
        assertThat(closed).containsExactly("second.app", "second.file", "second.pool",
                "first.app", "first.file", "first.pool");
        deployment.close(); // once only
        assertThat(closed).hasSize(6);
    }

    /** A Guice plugin whose injector holds closeable singletons: an instance binding and a provider's product. */
    final class GuicePlugin implements GuiceAppPlugin {
        @Override
        public String name() {
            return "guice";
        }

        @Override
        public Module module(DeploymentAppContext context) {
            String app = context.app().name();
            return new AbstractModule() {
                @Override
                protected void configure() {
                    bind(Resource.class).toInstance(new Resource(app + ".bound"));
                }

                @Provides
                @Singleton
                AutoCloseable channel() {
                    return new Resource(app + ".provided");
                }

                @Provides
                @Singleton
                ConversationApp app(Resource bound, AutoCloseable channel) {
                    return new ClosingApp(app);
                }
            };
        }
    }

    @Test
    void aGuiceAppsCloseableSingletonsAreClosedOnceEachAfterTheApp() {
        Deployment deployment = build("guice", "closing", new GuicePlugin(), new ClosingPlugin("closing"));
        deployment.start();
        deployment.close();
        assertThat(closed).containsExactly("second.app", "second.file", "second.pool",
                "first.app", "first.provided", "first.bound");
    }

    @Test
    void aSlowCloseDoesNotHoldShutdownPastTheTimeoutAndTheRestStillClose() throws Exception {
        CountDownLatch closing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AppPlugin slow = new AppPlugin() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public ConversationApp create(AppContext context) {
                context.closeOnShutdown(() -> {
                    closing.countDown();
                    release.await(); // a remote pool that never answers its goodbye
                    closed.add("slow.done");
                });
                return new ConversationApp() { };
            }
        };
        Deployment deployment = build("slow", "closing", slow, new ClosingPlugin("closing"));
        deployment.start();
        try {
            assertThat(deployment.drain(Duration.ofSeconds(30))).isTrue();
            // The second app (started last) closes first; the first app's slow resource then hangs.
            deployment.close(Duration.ofMillis(200));
            assertThat(closing.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(closed).containsExactly("second.app", "second.file", "second.pool");
            assertThat(deployment.ready()).isFalse();
        } finally {
            release.countDown();
        }
        waitFor(() -> closed.contains("slow.done"));
    }

    @Test
    void aCloseThatThrowsDoesNotStopTheOthers() {
        AppPlugin failing = new AppPlugin() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public ConversationApp create(AppContext context) {
                context.closeOnShutdown(new Resource("first.kept"));
                context.closeOnShutdown(() -> {
                    throw new IllegalStateException("already gone");
                });
                return new ConversationApp() { };
            }
        };
        Deployment deployment = build("failing", "closing", failing, new ClosingPlugin("closing"));
        deployment.start();
        deployment.close();
        assertThat(closed).containsExactly("second.app", "second.file", "second.pool", "first.kept");
    }

    @Test
    void aDeploymentThatFailsToBuildClosesWhatTheAppsBeforeHadOpened() {
        AppPlugin broken = new AppPlugin() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public ConversationApp create(AppContext context) {
                context.closeOnShutdown(new Resource("second.half-open"));
                throw new IllegalStateException("cannot reach the CRM");
            }
        };
        assertThatThrownBy(() -> build("closing", "broken", new ClosingPlugin("closing"), broken))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("app 'second' (plugin 'broken')").hasMessageContaining("cannot reach the CRM");
        assertThat(closed).containsExactly("second.half-open", "first.app", "first.file", "first.pool");
    }

    @Test
    void aPluginThatReturnsNoAppIsRefused() {
        AppPlugin empty = new AppPlugin() {
            @Override
            public String name() {
                return "empty";
            }

            @Override
            public ConversationApp create(AppContext context) {
                return null;
            }
        };
        assertThatThrownBy(() -> build("empty", "closing", empty, new ClosingPlugin("closing")))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("app 'first' (plugin 'empty'): the plugin returned no app");
    }

    @Test
    void aPluginMissingBecauseItsJarUsesTheFormerServiceFileIsExplained(@TempDir Path jar) throws Exception {
        Path services = jar.resolve(PluginRegistry.FORMER_SERVICE_FILE);
        Files.createDirectories(services.getParent());
        Files.writeString(services, "com.example.OldPlugin\n");
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                getClass().getClassLoader())) {
            assertThatThrownBy(() -> PluginRegistry.discover(loader).require("old", "legacy"))
                    .isInstanceOf(PluginLoadException.class)
                    .hasMessageContaining("app 'legacy' uses plugin 'old', which is not on the class path")
                    .hasMessageContaining("META-INF/services/dev.baton.runtime.AppPlugin")
                    .hasMessageContaining("rename that file to META-INF/services/dev.baton.spi.AppPlugin");
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
