package dev.baton.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.event.ConversationKey;
import dev.baton.graph.error.OutsideMessagingWindowException;
import dev.baton.graph.error.OutsideMessagingWindowException.Window;
import dev.baton.spi.ConversationStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messaging windows, checked on the outgoing JSON before a send to the conversation's person: 24 hours
 * from the person's last message for RESPONSE, UPDATE and sender actions, 7 days for the HUMAN_AGENT tag.
 * Other tags, UTILITY, and the non-PSID recipient forms (user_ref, private replies, notification tokens)
 * are left to Meta. When the last message time is not known (a new store), the send goes ahead: the safe
 * side is to let Meta decide rather than to silence a conversation. Policy {@code enforce} refuses with
 * {@link OutsideMessagingWindowException}; {@code warn} logs and counts. Thread-safe.
 */
public final class MessagingWindow {

    private static final Logger log = LoggerFactory.getLogger(MessagingWindow.class);

    private final boolean enforce;
    private final ConversationStore store;
    private final Clock clock;
    private final MeterRegistry registry;

    public MessagingWindow(String policy, ConversationStore store, Clock clock, MeterRegistry registry) {
        if (!policy.equals("enforce") && !policy.equals("warn")) {
            throw new IllegalArgumentException("graph.windowPolicy must be 'enforce' or 'warn', got '" + policy + "'");
        }
        this.enforce = policy.equals("enforce");
        this.store = store;
        this.clock = clock;
        this.registry = registry;
    }

    public void check(ConversationKey conversation, ObjectNode body) {
        Optional<Window> window = required(conversation, body);
        if (window.isEmpty()) {
            return;
        }
        Optional<Instant> last = store.lastUserMessage(conversation);
        if (last.isEmpty()) {
            registry.counter("baton.graph.window", "result", "unknown").increment();
            return;
        }
        Duration elapsed = Duration.between(last.get(), clock.instant());
        if (elapsed.compareTo(window.get().length()) <= 0) {
            return;
        }
        registry.counter("baton.graph.window", "result", enforce ? "refused" : "warned").increment();
        OutsideMessagingWindowException outside = new OutsideMessagingWindowException(window.get(), last.get(), elapsed);
        if (enforce) {
            throw outside;
        }
        log.warn("sending to {} anyway (windowPolicy warn): {}", conversation, outside.getMessage());
    }

    static Optional<Window> required(ConversationKey conversation, ObjectNode body) {
        JsonNode recipientId = body.path("recipient").get("id");
        if (recipientId == null || !recipientId.asText().equals(conversation.userId())) {
            return Optional.empty();
        }
        String type = body.path("messaging_type").asText("");
        if (type.equals("MESSAGE_TAG")) {
            return body.path("tag").asText("").equals("HUMAN_AGENT") ? Optional.of(Window.HUMAN_AGENT_7_DAYS)
                    : Optional.empty();
        }
        return type.equals("UTILITY") ? Optional.empty() : Optional.of(Window.STANDARD_24_HOURS);
    }
}
