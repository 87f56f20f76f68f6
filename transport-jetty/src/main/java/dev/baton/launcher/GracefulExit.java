package dev.baton.launcher;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the launched process ends. On SIGTERM it runs the graceful stop and exits with {@link #EXIT_STOPPED} (0)
 * when every accepted event was handled, or {@link #EXIT_STOP_TIMED_OUT} when the shutdown timeout ran out first
 * (those events stay in the journal and are handled at the next start). The JVM's own SIGTERM handling runs the
 * shutdown hooks and then exits with 143 whatever they did, so a systemd unit or a Kubernetes job would report a
 * failure after a clean stop; that is why TERM gets its own handler here.
 *
 * <p>The handler is {@code sun.misc.Signal} (module {@code jdk.unsupported}, there on every JDK 17+), reached by
 * reflection so the build's no-warning rule holds. Where it is missing or refused (the JVM run with {@code -Xrs}),
 * the shutdown hook alone still stops gracefully, with the JVM's exit code. The hook also covers SIGINT and any
 * {@code System.exit}; it waits for a stop already under way instead of cutting it short.
 */
final class GracefulExit {

    static final int EXIT_STOPPED = 0;
    static final int EXIT_STOP_TIMED_OUT = 3;

    private static final Logger LOG = LoggerFactory.getLogger(GracefulExit.class);

    private final BooleanSupplier stop;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Boolean> stopped = new CompletableFuture<>();

    /** {@code stop} is the graceful stop, answering true when it finished within its timeout. */
    GracefulExit(BooleanSupplier stop) {
        this.stop = stop;
    }

    /** Installs the shutdown hook and the TERM handler (which ends the process through {@code exit}). */
    void install(IntConsumer exit) {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopOnce, "baton-shutdown"));
        // Not on the signal's own thread: that one is a daemon, and once Jetty's threads have stopped the JVM would
        // end (with 0) before the exit code below is given.
        Runnable stopAndExit = () -> exit.accept(onTerm());
        if (!handleTerm(() -> {
            Thread stopping = new Thread(stopAndExit, "baton-sigterm");
            stopping.setDaemon(false);
            stopping.start();
        })) {
            LOG.info("no SIGTERM handler available; a stop on SIGTERM ends with the JVM's exit code 143");
        }
    }

    /** Runs the graceful stop and answers the exit code it earns. */
    int onTerm() {
        return stopOnce() ? EXIT_STOPPED : EXIT_STOP_TIMED_OUT;
    }

    /** The first caller runs the stop; every other caller waits for its outcome. */
    boolean stopOnce() {
        if (started.compareAndSet(false, true)) {
            try {
                stopped.complete(stop.getAsBoolean());
            } catch (RuntimeException | Error e) {
                stopped.complete(false);
                throw e;
            }
        }
        return stopped.join();
    }

    private static boolean handleTerm(Runnable onTerm) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object term = signalType.getConstructor(String.class).newInstance("TERM");
            InvocationHandler calls = (proxy, method, args) -> switch (method.getName()) {
                case "handle" -> {
                    onTerm.run();
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "baton SIGTERM handler";
            };
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType}, calls);
            signalType.getMethod("handle", signalType, handlerType).invoke(null, term, handler);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
