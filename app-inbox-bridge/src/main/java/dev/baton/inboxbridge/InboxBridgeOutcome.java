package dev.baton.inboxbridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.spi.AppEndpointResponse;

/**
 * What became of one inbound helpdesk event, and the HTTP answer that tells the helpdesk:
 * {@code 200 sent|duplicate|resolved}, {@code 409 closed|not-owner}, {@code 422 undeliverable},
 * {@code 503 pending} (not handled in time: resend, replies are deduplicated by {@code reply_id}).
 */
record InboxBridgeOutcome(int status, String result, String detail) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static InboxBridgeOutcome sent(String messageId, boolean tagged) {
        return new InboxBridgeOutcome(200, "sent", tagged ? "sent with the HUMAN_AGENT tag" : messageId);
    }

    static InboxBridgeOutcome duplicate() {
        return new InboxBridgeOutcome(200, "duplicate", "this reply_id was already sent");
    }

    static InboxBridgeOutcome resolved() {
        return new InboxBridgeOutcome(200, "resolved", "the conversation went back to the bot");
    }

    static InboxBridgeOutcome closed() {
        return new InboxBridgeOutcome(409, "closed", "this ticket is no longer open");
    }

    static InboxBridgeOutcome notOwner() {
        return notOwner(null);
    }

    static InboxBridgeOutcome notOwner(String why) {
        return new InboxBridgeOutcome(409, "not-owner", "another app has the conversation now; the reply was not sent"
                + (why == null ? "" : " (" + why + ")"));
    }

    static InboxBridgeOutcome undeliverable(String why) {
        return new InboxBridgeOutcome(422, "undeliverable", why);
    }

    static InboxBridgeOutcome pending() {
        return new InboxBridgeOutcome(503, "pending", "not handled in time; send it again (same reply_id)");
    }

    AppEndpointResponse response() {
        ObjectNode body = JSON.createObjectNode().put("status", result);
        if (detail != null) {
            body.put("detail", detail);
        }
        return AppEndpointResponse.json(status, InboxBridgeHandBack.write(body));
    }
}
