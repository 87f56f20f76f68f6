package dev.baton.inboxbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.spi.Conversation;

/**
 * Gives a conversation back from the humans to the default app (or {@code returnTo}), saying so in the
 * handover metadata, which the default app reads:
 * {@code {"from":"inbox-bridge","event":"human-done","via":"resolved","ticket":"...","note":"..."}}.
 * {@code event} is {@code human-done}, or {@code human-unavailable} when no human could take it.
 */
final class HandBack {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String returnTo;
    private final BridgeMetrics metrics;

    HandBack(String returnTo, BridgeMetrics metrics) {
        this.returnTo = returnTo;
        this.metrics = metrics;
    }

    void handBack(Conversation conversation, String event, String via, String ticket, String note) {
        ObjectNode metadata = JSON.createObjectNode().put("from", "inbox-bridge").put("event", event).put("via", via);
        if (ticket != null) {
            metadata.put("ticket", ticket);
        }
        if (note != null && !note.isBlank()) {
            metadata.put("note", note.length() > 300 ? note.substring(0, 300) : note);
        }
        conversation.passTo(returnTo, write(metadata));
        metrics.handBack(via);
    }

    static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write handover metadata", e);
        }
    }
}
