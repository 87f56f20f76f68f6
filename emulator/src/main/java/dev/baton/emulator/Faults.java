package dev.baton.emulator;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Faults to inject, for tests of a deployment's resilience. Webhook faults apply to one app's next POST(s):
 * send it twice, hold it back, or swap it with the one after. Graph faults apply to the next N Graph API
 * calls of any app: answer 5xx (code 2, nothing done), answer 613 (nothing done), answer slowly (wait, then
 * do it), do it and hold the answer back ({@code SLOW_ANSWER}), or do the call and answer a bare 502 (done;
 * Java API only). Delivery failures make an app's next N POST
 * attempts fail without being sent.
 * Each fault is used once, in the order added. Thread-safe.
 */
public final class Faults {

    /** A fault for one app's next webhook POST. */
    public sealed interface WebhookFault {
        record Duplicate() implements WebhookFault {}

        record Delay(Duration delay) implements WebhookFault {
            public Delay {
                requireNonNull(delay, "delay is null");
            }
        }

        record Reorder() implements WebhookFault {}
    }

    /** What the Graph API does to one call. */
    public enum GraphFaultKind {
        /** HTTP 500 with Meta's envelope, code 2, {@code is_transient}: nothing was done. */
        SERVER_ERROR,
        /** Code 613: nothing was done. */
        RATE_LIMIT,
        /** Answered late: the fault's delay passes first, then the call is done and answered. */
        SLOW,
        /**
         * Done at once, answered late: the call is done, then its answer is held back for the fault's delay. A
         * caller that dies meanwhile never learns that Meta acted (a crash with a call in flight).
         */
        SLOW_ANSWER,
        /**
         * The call is done, but the answer is a proxy's HTTP 502 without Meta's error envelope: the caller cannot
         * tell whether Meta acted (a 5xx that is not transient).
         */
        BAD_GATEWAY
    }

    /** A Graph fault for the next {@code remaining} calls; {@code delay} is used by {@code SLOW}. */
    public record GraphFault(GraphFaultKind kind, int remaining, Duration delay) {
        public GraphFault {
            requireNonNull(kind, "kind is null");
            requireNonNull(delay, "delay is null");
            if (remaining < 1) {
                throw new IllegalArgumentException("count must be positive");
            }
        }
    }

    private final Map<String, Deque<WebhookFault>> webhookFaults = new HashMap<>();
    private final Deque<GraphFault> graphFaults = new ArrayDeque<>();
    private final Map<String, Integer> failingDeliveries = new HashMap<>();
    private volatile Runnable listener = () -> { };

    /** Told after every change (added, used, cleared), outside the lock; the console's live feed. */
    public void onChange(Runnable newListener) {
        this.listener = requireNonNull(newListener, "listener is null");
    }

    /**
     * The app's next {@code count} POST attempts fail as if the app did not answer: nothing is sent, the delivery
     * log records status 0, and Meta's retries follow (each retry is an attempt, so 3 makes the fourth succeed).
     */
    public void failNextDeliveries(String appId, int count) {
        requireNonNull(appId, "appId is null");
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive");
        }
        synchronized (this) {
            failingDeliveries.merge(appId, count, Integer::sum);
        }
        listener.run();
    }

    /** Uses one injected delivery failure of this app, if any is pending. */
    public boolean takeDeliveryFailure(String appId) {
        synchronized (this) {
            Integer left = failingDeliveries.get(appId);
            if (left == null) {
                return false;
            }
            if (left <= 1) {
                failingDeliveries.remove(appId);
            } else {
                failingDeliveries.put(appId, left - 1);
            }
        }
        listener.run();
        return true;
    }

    public void duplicateNextDelivery(String appId) {
        add(appId, new WebhookFault.Duplicate());
    }

    public void delayNextDelivery(String appId, Duration delay) {
        add(appId, new WebhookFault.Delay(delay));
    }

    /** The app's next two POSTs arrive in swapped order. */
    public void reorderNextTwoDeliveries(String appId) {
        add(appId, new WebhookFault.Reorder());
    }

    public void failNextGraphCalls(int count, GraphFaultKind kind) {
        GraphFault fault = new GraphFault(kind, count, Duration.ZERO);
        synchronized (this) {
            graphFaults.add(fault);
        }
        listener.run();
    }

    /** The next {@code count} Graph calls wait {@code delay} before they are done and answered. */
    public void slowNextGraphCalls(int count, Duration delay) {
        GraphFault fault = new GraphFault(GraphFaultKind.SLOW, count, delay);
        synchronized (this) {
            graphFaults.add(fault);
        }
        listener.run();
    }

    /**
     * The next {@code count} Graph calls are done at once and answered {@code delay} later: what a deployment
     * killed meanwhile lost is an answer, not a call ({@link GraphFaultKind#SLOW_ANSWER}).
     */
    public void slowNextGraphAnswers(int count, Duration delay) {
        GraphFault fault = new GraphFault(GraphFaultKind.SLOW_ANSWER, count, requireNonNull(delay, "delay is null"));
        synchronized (this) {
            graphFaults.add(fault);
        }
        listener.run();
    }

    public void clear() {
        synchronized (this) {
            webhookFaults.clear();
            graphFaults.clear();
            failingDeliveries.clear();
        }
        listener.run();
    }

    /** Takes the next webhook fault of this app, if any. */
    public Optional<WebhookFault> takeWebhookFault(String appId) {
        Optional<WebhookFault> taken;
        synchronized (this) {
            Deque<WebhookFault> faults = webhookFaults.get(appId);
            taken = faults == null ? Optional.empty() : Optional.ofNullable(faults.poll());
        }
        taken.ifPresent(fault -> listener.run());
        return taken;
    }

    /** Uses one call of the first pending Graph fault, if any. */
    public Optional<GraphFault> takeGraphFault() {
        GraphFault first;
        synchronized (this) {
            first = graphFaults.poll();
            if (first == null) {
                return Optional.empty();
            }
            if (first.remaining() > 1) {
                graphFaults.addFirst(new GraphFault(first.kind(), first.remaining() - 1, first.delay()));
            }
        }
        listener.run();
        return Optional.of(first);
    }

    /** The faults still pending, as plain values: {@code webhooks} (app id to its faults) and {@code graph}. */
    public synchronized Map<String, Object> pending() {
        Map<String, Object> pending = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> webhooks = new LinkedHashMap<>();
        webhookFaults.forEach((app, faults) -> {
            if (!faults.isEmpty()) {
                webhooks.put(app, faults.stream().map(Faults::describe).toList());
            }
        });
        pending.put("webhooks", webhooks);
        List<Map<String, Object>> graph = new ArrayList<>();
        for (GraphFault fault : graphFaults) {
            graph.add(Map.of("kind", fault.kind().name().toLowerCase(java.util.Locale.ROOT), "remaining",
                    fault.remaining(), "delay_ms", fault.delay().toMillis()));
        }
        pending.put("graph", graph);
        pending.put("failing_deliveries", Map.copyOf(failingDeliveries));
        return pending;
    }

    private static Map<String, Object> describe(WebhookFault fault) {
        if (fault instanceof WebhookFault.Delay delay) {
            return Map.of("kind", "delay", "delay_ms", delay.delay().toMillis());
        }
        return Map.of("kind", fault instanceof WebhookFault.Duplicate ? "duplicate" : "reorder");
    }

    private void add(String appId, WebhookFault fault) {
        requireNonNull(appId, "appId is null");
        synchronized (this) {
            webhookFaults.computeIfAbsent(appId, id -> new ArrayDeque<>()).add(fault);
        }
        listener.run();
    }
}
