package dev.baton.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one app instance opened and the deployment closes at shutdown: the resources registered through
 * {@link DeploymentAppContext#closeOnShutdown}, the singletons of its Guice injector that are
 * {@link AutoCloseable}, and the app itself when it is. Each is kept once (by identity), closed once, last
 * registered first. Thread-safe.
 */
final class AppResources {

    private static final Logger LOG = LoggerFactory.getLogger(AppResources.class);

    private final String appName;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Set<AutoCloseable> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    AppResources(String appName) {
        this.appName = requireNonNull(appName, "appName is null");
    }

    synchronized void add(AutoCloseable resource) {
        if (seen.add(resource)) {
            resources.add(resource);
        }
    }

    private synchronized List<AutoCloseable> inClosingOrder() {
        List<AutoCloseable> order = new ArrayList<>(resources);
        Collections.reverse(order);
        resources.clear();
        return order;
    }

    /**
     * Closes every app's resources, the apps in reverse start order ({@code apps} is in start order), on one
     * thread of its own so that a close that hangs cannot hold shutdown past {@code timeout}: when the time
     * is up, the close under way is named in the log and the rest go on in the background.
     *
     * @return true when everything was closed within {@code timeout}
     */
    static boolean closeAll(List<AppResources> apps, Duration timeout) {
        List<Runnable> closes = new ArrayList<>();
        List<AppResources> reversed = new ArrayList<>(apps);
        Collections.reverse(reversed);
        AtomicReference<String> closing = new AtomicReference<>("");
        for (AppResources app : reversed) {
            for (AutoCloseable resource : app.inClosingOrder()) {
                closes.add(() -> {
                    closing.set("app '" + app.appName + "': " + resource.getClass().getName());
                    app.close(resource);
                });
            }
        }
        if (closes.isEmpty()) {
            return true;
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread closer = new Thread(() -> {
            try {
                closes.forEach(Runnable::run);
            } finally {
                done.countDown();
            }
        }, "baton-app-close");
        closer.setDaemon(true);
        closer.start();
        try {
            if (done.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warn("app resources still closing after {} ms ({}); shutdown goes on without waiting for them",
                timeout.toMillis(), closing.get());
        return false;
    }

    private void close(AutoCloseable resource) {
        String what = resource.getClass().getName();
        try {
            resource.close();
            LOG.debug("app '{}': closed {}", appName, what);
        } catch (Exception e) {
            // The type only: a message could carry a path or a value the app holds.
            LOG.warn("app '{}': closing {} failed ({})", appName, what, e.getClass().getName());
        }
    }
}
