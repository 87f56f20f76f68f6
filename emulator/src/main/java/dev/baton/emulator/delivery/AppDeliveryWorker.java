package dev.baton.emulator.delivery;

import dev.baton.emulator.DeliveryRecord;
import dev.baton.emulator.EmulatorOptions;
import dev.baton.emulator.Faults;
import dev.baton.emulator.Faults.WebhookFault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one queue and thread delivering one app's webhooks, so the app sees them in the order they happened.
 * A failed POST blocks the queue while it is retried (with doubling backoff, or at once when the clock is
 * advanced); after {@code unsubscribeAfter} of simulated failure the app is unsubscribed from the Pages of
 * the batch and their queued events are dropped.
 */
final class AppDeliveryWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AppDeliveryWorker.class);
    private static final int MAX_EVENTS_PER_POST = 100;

    private final String appId;
    private final LinkedBlockingDeque<PendingWebhook> queue = new LinkedBlockingDeque<>();
    private final EmulatorOptions options;
    private final Clock clock;
    private final Faults faults;
    private final WebhookPoster poster;
    private final WebhookEncoding encoding;
    private final BiPredicate<String, String> subscribed;
    private final BiConsumer<String, String> unsubscribe;
    private final Object wakeUps = new Object();
    private long wakeUpCount;

    AppDeliveryWorker(String appId, EmulatorOptions options, Clock clock, Faults faults, WebhookPoster poster,
                      WebhookEncoding encoding, BiPredicate<String, String> subscribed,
                      BiConsumer<String, String> unsubscribe) {
        this.appId = appId;
        this.options = options;
        this.clock = clock;
        this.faults = faults;
        this.poster = poster;
        this.encoding = encoding;
        this.subscribed = subscribed;
        this.unsubscribe = unsubscribe;
    }

    void add(PendingWebhook pending) {
        queue.add(pending);
    }

    /** The clock moved: retry now rather than after the backoff. */
    void wakeUp() {
        synchronized (wakeUps) {
            wakeUpCount++;
            wakeUps.notifyAll();
        }
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                EncodedBatch batch = encode(nextBatch(queue.take()));
                Optional<WebhookFault> fault = faults.takeWebhookFault(appId);
                if (fault.isPresent() && fault.get() instanceof WebhookFault.Delay delay) {
                    Thread.sleep(delay.delay().toMillis());
                }
                if (fault.isPresent() && fault.get() instanceof WebhookFault.Reorder) {
                    PendingWebhook next = queue.poll(options.actionTimeout().toMillis() / 2, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        deliver(encode(nextBatch(next)));
                    }
                }
                deliver(batch);
                if (fault.isPresent() && fault.get() instanceof WebhookFault.Duplicate) {
                    deliver(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queue.forEach(PendingWebhook::dropped);
        }
    }

    /** One POST's worth of events with its body and signature headers, made once so a duplicate is identical. */
    private record EncodedBatch(List<PendingWebhook> webhooks, byte[] body, Map<String, String> headers) {}

    private List<PendingWebhook> nextBatch(PendingWebhook first) throws InterruptedException {
        List<PendingWebhook> batch = new ArrayList<>(List.of(first));
        if (options.batchWindow().isZero()) {
            return batch;
        }
        Thread.sleep(options.batchWindow().toMillis());
        PendingWebhook next;
        while (batch.size() < MAX_EVENTS_PER_POST && (next = queue.peek()) != null && next.canShareWith(first)) {
            batch.add(queue.poll());
        }
        return batch;
    }

    private EncodedBatch encode(List<PendingWebhook> webhooks) {
        try {
            byte[] body = encoding.body(webhooks.stream().map(PendingWebhook::webhook).toList(), clock.millis());
            return new EncodedBatch(webhooks, body, encoding.headers(body, webhooks.get(0).webhook().app().secret()));
        } catch (RuntimeException e) {
            // An event the writer cannot write must not stop this app's queue.
            LOG.warn("dropping {} webhook event(s) for app {}: they could not be written", webhooks.size(), appId, e);
            webhooks.forEach(PendingWebhook::dropped);
            return null;
        }
    }

    private void deliver(EncodedBatch encoded) throws InterruptedException {
        if (encoded == null) {
            return;
        }
        List<PendingWebhook> batch = encoded.webhooks();
        if (batch.stream().noneMatch(pending -> subscribed.test(pending.webhook().pageId(), appId))) {
            // Unsubscribed while queued (the engine stops queueing at once; this covers the race).
            batch.forEach(PendingWebhook::dropped);
            return;
        }
        PendingWebhook first = batch.get(0);
        byte[] body = encoded.body();
        Map<String, String> headers = encoded.headers();
        Instant firstFailure = null;
        for (int attempt = 1; ; attempt++) {
            DeliveryRecord record = faults.takeDeliveryFailure(appId)
                    ? poster.failByFault(appId, first.webhook().app().webhookUrl(), headers, body, attempt)
                    : poster.post(appId, first.webhook().app().webhookUrl(), headers, body, attempt);
            batch.forEach(pending -> pending.firstAttempt().complete(record));
            if (record.succeeded()) {
                batch.forEach(PendingWebhook::finished);
                return;
            }
            firstFailure = firstFailure == null ? record.at() : firstFailure;
            if (Duration.between(firstFailure, clock.instant()).compareTo(options.unsubscribeAfter()) >= 0) {
                LOG.info("app {} failed webhook deliveries for {}; unsubscribing it", appId, options.unsubscribeAfter());
                giveUp(batch);
                batch.forEach(PendingWebhook::finished);
                return;
            }
            waitBeforeRetry(attempt);
        }
    }

    private void giveUp(List<PendingWebhook> batch) {
        Set<String> pages = new LinkedHashSet<>();
        batch.forEach(pending -> pages.add(pending.webhook().pageId()));
        pages.forEach(page -> unsubscribe.accept(page, appId));
        for (Iterator<PendingWebhook> it = queue.iterator(); it.hasNext(); ) {
            PendingWebhook pending = it.next();
            if (pages.contains(pending.webhook().pageId())) {
                it.remove();
                pending.dropped();
            }
        }
    }

    private void waitBeforeRetry(int attempt) throws InterruptedException {
        long backoff = options.retryInitialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long waitMillis = Math.min(backoff, options.retryMaxBackoff().toMillis());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        synchronized (wakeUps) {
            long seen = wakeUpCount;
            long left;
            while (wakeUpCount == seen && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(wakeUps, left);
            }
        }
    }
}
