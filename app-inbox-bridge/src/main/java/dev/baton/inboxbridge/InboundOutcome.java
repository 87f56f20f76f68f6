package dev.baton.inboxbridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.spi.AppEndpointResponse;

/**
 * What became of one inbound helpdesk event, and the HTTP answer that tells the helpdesk:
 * {@code 200 sent|duplicate|resolved}, {@code 409 closed|not-owner}, {@code 422 undeliverable},
 * {@code 503 pending} (not handled in time: resend, replies are deduplicated by {@code reply_id}).
 */
record InboundOutcome(int status, String result, String detail) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static InboundOutcome sent(String messageId, boolean tagged) {
        return new InboundOutcome(200, "sent", tagged ? "sent with the HUMAN_AGENT tag" : messageId);
    }

    static InboundOutcome duplicate() {
        return new InboundOutcome(200, "duplicate", "this reply_id was already sent");
    }

    static InboundOutcome resolved() {
        return new InboundOutcome(200, "resolved", "the conversation went back to the bot");
    }

    static InboundOutcome closed() {
        return new InboundOutcome(409, "closed", "this ticket is no longer open");
    }

    static InboundOutcome notOwner() {
        return notOwner(null);
    }

    static InboundOutcome notOwner(String why) {
        return new InboundOutcome(409, "not-owner", "another app has the conversation now; the reply was not sent"
                + (why == null ? "" : " (" + why + ")"));
    }

    static InboundOutcome undeliverable(String why) {
        return new InboundOutcome(422, "undeliverable", why);
    }

    static InboundOutcome pending() {
        return new InboundOutcome(503, "pending", "not handled in time; send it again (same reply_id)");
    }

    AppEndpointResponse response() {
        ObjectNode body = JSON.createObjectNode().put("status", result);
        if (detail != null) {
            body.put("detail", detail);
        }
        return AppEndpointResponse.json(status, HandBack.write(body));
    }
}
