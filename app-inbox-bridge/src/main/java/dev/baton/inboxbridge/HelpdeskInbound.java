package dev.baton.inboxbridge;

import dev.baton.event.ConversationKey;
import dev.baton.inboxbridge.helpdesk.HelpdeskAgentEvent;
import dev.baton.inboxbridge.helpdesk.HelpdeskConnector;
import dev.baton.inboxbridge.helpdesk.HelpdeskInboundException;
import dev.baton.spi.AppEndpointRequest;
import dev.baton.spi.AppEndpointResponse;
import dev.baton.spi.ConversationTrigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The helpdesk's way in: {@code POST /helpdesk} on the bridge's endpoint. A request is authenticated and read
 * by the connector, queued for its conversation, and handled in the conversation's lane (through the
 * {@link ConversationTrigger}, calling the bridge's {@code onTimer(}{@value #TIMER}{@code )}); the HTTP
 * answer waits for that, up to {@code replyWait}. At most {@value #MAX_PENDING} events wait at once; beyond
 * that the answer is 503. Thread-safe.
 */
final class HelpdeskInbound {

    static final String TIMER = "inbox-bridge.helpdesk";
    static final String PATH = "/helpdesk";
    static final int MAX_PENDING = 1000;

    record Pending(HelpdeskAgentEvent event, CompletableFuture<InboundOutcome> outcome) {}

    private final HelpdeskConnector connector;
    private final Duration replyWait;
    private final Map<ConversationKey, ConcurrentLinkedQueue<Pending>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    HelpdeskInbound(HelpdeskConnector connector, Duration replyWait) {
        this.connector = connector;
        this.replyWait = replyWait;
    }

    AppEndpointResponse handle(AppEndpointRequest request, ConversationTrigger trigger) {
        if (!PATH.equals(request.path())) {
            return new InboundOutcome(404, "not-found", "the helpdesk posts to " + PATH).response();
        }
        if (!"POST".equals(request.method())) {
            return new InboundOutcome(405, "method-not-allowed", "use POST").response();
        }
        HelpdeskAgentEvent event;
        try {
            event = connector.readInbound(request);
        } catch (HelpdeskInboundException e) {
            return new InboundOutcome(e.status(), "refused", e.getMessage()).response();
        }
        ConversationKey key = Tickets.conversationOf(event.ticketId()).orElse(null);
        if (key == null) {
            return InboundOutcome.closed().response();
        }
        if (waiting.incrementAndGet() > MAX_PENDING) {
            waiting.decrementAndGet();
            return new InboundOutcome(503, "busy", "too many replies waiting; send it again later").response();
        }
        Pending entry = new Pending(event, new CompletableFuture<>());
        pending.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(entry);
        try {
            trigger.fire(key, TIMER);
            return entry.outcome().get(replyWait.toMillis(), TimeUnit.MILLISECONDS).response();
        } catch (TimeoutException e) {
            withdraw(key, entry);
            return InboundOutcome.pending().response();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            withdraw(key, entry);
            return InboundOutcome.pending().response();
        } catch (ExecutionException e) {
            return new InboundOutcome(500, "failed", "the event could not be handled").response();
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** The events waiting for {@code key}, oldest first; called in the conversation's lane. */
    List<Pending> drain(ConversationKey key) {
        List<Pending> drained = new ArrayList<>();
        ConcurrentLinkedQueue<Pending> queue = pending.get(key);
        if (queue == null) {
            return drained;
        }
        for (Pending next = queue.poll(); next != null; next = queue.poll()) {
            drained.add(next);
        }
        pending.computeIfPresent(key, (k, q) -> q.isEmpty() ? null : q);
        return drained;
    }

    private void withdraw(ConversationKey key, Pending entry) {
        ConcurrentLinkedQueue<Pending> queue = pending.get(key);
        if (queue != null) {
            queue.remove(entry);
            pending.computeIfPresent(key, (k, q) -> q.isEmpty() ? null : q);
        }
    }
}
