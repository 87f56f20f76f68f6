package dev.baton.inboxbridge.helpdesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.spi.AppEndpointRequest;
import java.io.IOException;
import java.time.Instant;

/**
 * The generic helpdesk protocol's JSON, both directions (documented in the module README). Outgoing events
 * are objects with {@code type} {@code ticket.opened}, {@code message}, {@code ticket.closed} or
 * {@code reply.undeliverable}; inbound ones are {@code reply} or {@code resolve}. Both are signed with
 * {@link HelpdeskSignature}; an inbound request is checked before its body is read.
 */
public final class HelpdeskProtocol {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HelpdeskSignature signature;

    public HelpdeskProtocol(HelpdeskSignature signature) {
        this.signature = signature;
    }

    public HelpdeskSignature signature() {
        return signature;
    }

    static ObjectNode ticketOpened(HelpdeskTicket ticket) {
        ObjectNode node = event("ticket.opened", ticket.ticketId(), ticket.openedAt());
        node.put("page_id", ticket.pageId()).put("user_id", ticket.userId()).put("platform", ticket.platform());
        JsonNode summary = parseOrNull(ticket.summary());
        if (summary != null && summary.isObject()) {
            node.set("summary", summary);
        } else {
            node.put("summary", ticket.summary());
        }
        return node;
    }

    static ObjectNode message(HelpdeskMessage message) {
        ObjectNode node = event("message", message.ticketId(), message.at());
        node.put("from", "person");
        if (message.text() != null) {
            node.put("text", message.text());
        }
        message.attachmentUrls().forEach(node.putArray("attachments")::add);
        return node;
    }

    static ObjectNode ticketClosed(String ticketId, String reason, Instant at) {
        return event("ticket.closed", ticketId, at).put("reason", reason);
    }

    static ObjectNode replyUndeliverable(String ticketId, String replyId, String reason, Instant at) {
        return event("reply.undeliverable", ticketId, at).put("reply_id", replyId).put("reason", reason);
    }

    /** Checks the signature (401 missing, 403 wrong), then reads the event (400 when malformed). */
    public HelpdeskAgentEvent read(AppEndpointRequest request) {
        String header = request.header(HelpdeskSignature.HEADER)
                .orElseThrow(() -> new HelpdeskInboundException(401, "missing " + HelpdeskSignature.HEADER));
        byte[] body = request.body();
        if (!signature.verify(body, header)) {
            throw new HelpdeskInboundException(403, "signature does not match");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new HelpdeskInboundException(400, "body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new HelpdeskInboundException(400, "body must be a JSON object");
        }
        String type = text(root, "type");
        String ticket = text(root, "ticket");
        try {
            return switch (type) {
                case "reply" -> new HelpdeskAgentEvent.Reply(ticket, text(root, "reply_id"),
                        root.path("agent").asText(null), text(root, "text"));
                case "resolve" -> new HelpdeskAgentEvent.Resolve(ticket, root.path("note").asText(null));
                default -> throw new HelpdeskInboundException(400, "unknown type: only reply and resolve are accepted");
            };
        } catch (IllegalArgumentException e) {
            throw new HelpdeskInboundException(400, e.getMessage());
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new HelpdeskInboundException(400, "missing text field: " + field);
        }
        return value.asText();
    }

    private static ObjectNode event(String type, String ticketId, Instant at) {
        return JSON.createObjectNode().put("type", type).put("ticket", ticketId).put("at", at.toString());
    }

    static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a helpdesk event", e);
        }
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return text.isBlank() ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
