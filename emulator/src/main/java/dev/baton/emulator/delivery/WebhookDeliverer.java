package dev.baton.emulator.delivery;

import dev.baton.emulator.DeliveryRecord;
import dev.baton.emulator.EmulatorOptions;
import dev.baton.emulator.Faults;
import dev.baton.emulator.engine.OutgoingWebhook;
import dev.baton.emulator.engine.RoutingEngine;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * Delivers the engine's webhooks: one {@link AppDeliveryWorker} (queue and daemon thread) per app id,
 * started on the app's first webhook. Thread-safe; {@link #close()} stops every worker.
 */
public final class WebhookDeliverer implements RoutingEngine.WebhookSink, AutoCloseable {

    private final Map<String, AppDeliveryWorker> workers = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private final EmulatorOptions options;
    private final Clock clock;
    private final Faults faults;
    private final WebhookPoster poster;
    private final WebhookEncoding encoding;
    private final BiPredicate<String, String> subscribed;
    private final BiConsumer<String, String> unsubscribe;
    private final Object quiet = new Object();
    private long outstanding;
    private volatile boolean closed;

    /**
     * @param subscribed  (page id, app id) → whether the app still gets the Page's webhooks
     * @param unsubscribe (page id, app id) → called when the app failed for too long
     */
    public WebhookDeliverer(EmulatorOptions options, Clock clock, Faults faults, DeliveryLog log,
                            WebhookEncoding encoding, BiPredicate<String, String> subscribed,
                            BiConsumer<String, String> unsubscribe) {
        this.options = options;
        this.clock = clock;
        this.faults = faults;
        this.encoding = encoding;
        this.subscribed = subscribed;
        this.unsubscribe = unsubscribe;
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.deliveryTimeout())
                .build();
        this.poster = new WebhookPoster(client, options.deliveryTimeout(), clock, log);
    }

    @Override
    public CompletableFuture<DeliveryRecord> enqueue(OutgoingWebhook webhook) {
        CompletableFuture<DeliveryRecord> firstAttempt = new CompletableFuture<>();
        if (closed) {
            firstAttempt.complete(null);
            return firstAttempt;
        }
        AtomicBoolean settled = new AtomicBoolean();
        synchronized (quiet) {
            outstanding++;
        }
        Runnable settle = () -> {
            if (settled.compareAndSet(false, true)) {
                synchronized (quiet) {
                    outstanding--;
                    quiet.notifyAll();
                }
            }
        };
        workers.computeIfAbsent(webhook.app().id(), this::startWorker)
                .add(new PendingWebhook(webhook, firstAttempt, settle));
        return firstAttempt;
    }

    /**
     * Waits until every webhook queued so far was delivered, given up or dropped (and no other was queued
     * meanwhile). Duplicates from fault injection may still follow a delivered event.
     *
     * @return false if that did not happen within {@code timeout}
     */
    public boolean awaitQuiet(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (quiet) {
            while (outstanding > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(quiet, left);
            }
            return true;
        }
    }

    /** The simulated clock moved: failed deliveries retry now. */
    public void wakeUp() {
        workers.values().forEach(AppDeliveryWorker::wakeUp);
    }

    private AppDeliveryWorker startWorker(String appId) {
        AppDeliveryWorker worker = new AppDeliveryWorker(appId, options, clock, faults, poster, encoding, subscribed,
                unsubscribe);
        Thread thread = new Thread(worker, "emulator-webhooks-" + appId);
        thread.setDaemon(true);
        threads.put(appId, thread);
        thread.start();
        return worker;
    }

    @Override
    public void close() {
        closed = true;
        threads.values().forEach(Thread::interrupt);
        for (Thread thread : threads.values()) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
