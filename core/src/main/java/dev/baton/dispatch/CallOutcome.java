package dev.baton.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.graph.error.ErrorClassifier;
import dev.baton.graph.error.GraphTransportException;
import dev.baton.graph.error.MetaError;
import dev.baton.graph.error.MetaGraphException;
import dev.baton.graph.error.SendTimedOutException;
import dev.baton.send.SendResponse;
import java.io.IOException;

/**
 * What one call to Meta came back with, as the send record keeps it (a small JSON text in the store):
 *
 * <ul>
 *   <li>{@link Sent}: the Send API's answer (recipient and message id); {@link Done}: a pass or release Meta did;
 *   <li>{@link Refused}: Meta's error envelope, replayed as the same typed exception ({@link ErrorClassifier});
 *   <li>{@link Unknown}: no answer in time, or the connection broke after the request went out: Meta may have
 *       done it, so it is not made again; replayed as the same exception type;
 *   <li>{@link NotSent}: refused before it reached Meta (a local check, the rate limiter's queue, a connection
 *       never made). Nothing was done, so a redelivery makes the call again and lets its answer count.
 * </ul>
 */
sealed interface CallOutcome {

    ObjectMapper JSON = new ObjectMapper();

    record Sent(String recipientId, String messageId) implements CallOutcome {}

    record Done() implements CallOutcome {}

    record Refused(String endpoint, MetaError error) implements CallOutcome {}

    record Unknown(String endpoint, boolean timedOut) implements CallOutcome {}

    record NotSent() implements CallOutcome {}

    /**
     * What {@code failure} (thrown by a call to Meta) means for the record; {@code endpoint} names the call
     * (Meta's errors carry their own) in the exception rebuilt on replay.
     */
    static CallOutcome of(RuntimeException failure, String endpoint) {
        if (failure instanceof MetaGraphException meta) {
            return new Refused(meta.endpoint(), meta.error());
        }
        if (failure instanceof SendTimedOutException) {
            return new Unknown(endpoint, true);
        }
        if (failure instanceof GraphTransportException transport && !transport.nothingSent()) {
            return new Unknown(endpoint, false);
        }
        return new NotSent();
    }

    /** For a recorded failure: the exception the call threw the first time, rebuilt. */
    default RuntimeException failure() {
        if (this instanceof Refused refused) {
            return ErrorClassifier.classify(refused.endpoint(), refused.error());
        }
        if (this instanceof Unknown unknown) {
            IOException cause = new IOException("recorded by an earlier run; the answer never came");
            return unknown.timedOut() ? new SendTimedOutException(unknown.endpoint(), cause)
                    : new GraphTransportException(unknown.endpoint(), false, cause);
        }
        throw new IllegalStateException("not a failure: " + this);
    }

    default SendResponse sendResponse() {
        if (this instanceof Sent sent) {
            return new SendResponse(sent.recipientId(), sent.messageId());
        }
        throw failure();
    }

    default String encode() {
        ObjectNode node = JSON.createObjectNode();
        if (this instanceof Sent sent) {
            node.put("t", "sent").put("recipientId", sent.recipientId()).put("messageId", sent.messageId());
        } else if (this instanceof Done) {
            node.put("t", "done");
        } else if (this instanceof Refused refused) {
            MetaError e = refused.error();
            node.put("t", "refused").put("endpoint", refused.endpoint()).put("httpStatus", e.httpStatus())
                    .put("message", e.message()).put("type", e.type()).put("code", e.code())
                    .put("subcode", e.subcode()).put("fbtraceId", e.fbtraceId()).put("userTitle", e.userTitle())
                    .put("userMessage", e.userMessage());
        } else if (this instanceof Unknown unknown) {
            node.put("t", "unknown").put("endpoint", unknown.endpoint()).put("timedOut", unknown.timedOut());
        } else {
            node.put("t", "not-sent");
        }
        return node.toString();
    }

    /** Reads an encoded outcome; an unreadable one counts as {@link NotSent} (the call is made again). */
    static CallOutcome decode(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new NotSent();
        }
        return switch (node.path("t").asText("")) {
            case "sent" -> new Sent(text(node, "recipientId"), text(node, "messageId"));
            case "done" -> new Done();
            case "refused" -> new Refused(node.path("endpoint").asText("messages"), new MetaError(
                    node.path("httpStatus").asInt(), text(node, "message"), text(node, "type"),
                    node.path("code").asInt(), node.path("subcode").asInt(), text(node, "fbtraceId"),
                    text(node, "userTitle"), text(node, "userMessage")));
            case "unknown" -> new Unknown(node.path("endpoint").asText("messages"), node.path("timedOut").asBoolean());
            default -> new NotSent();
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
