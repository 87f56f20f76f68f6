package dev.baton.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.graph.error.InvalidRequestException;
import dev.baton.send.Limits;
import dev.baton.send.MessageTag;
import java.util.List;
import java.util.Set;

/**
 * The shape rules Meta applies to a Send API body, checked on the JSON itself so that raw requests are
 * held to them too. Throws {@link InvalidRequestException} naming the field; never calls anything.
 */
public final class SendShapeCheck {

    private static final List<String> RECIPIENT_FORMS =
            List.of("id", "user_ref", "post_id", "comment_id", "notification_messages_token");
    private static final Set<String> MESSAGING_TYPES = Set.of("RESPONSE", "UPDATE", "MESSAGE_TAG", "UTILITY");
    private static final Set<String> NOTIFICATION_TYPES = Set.of("REGULAR", "SILENT_PUSH", "NO_PUSH");
    private static final Set<String> SENDER_ACTIONS = Set.of("MARK_SEEN", "TYPING_ON", "TYPING_OFF", "REACT", "UNREACT");
    private static final Set<String> THREAD_CONTROL_PAYLOADS = Set.of("pass_thread_control", "release_thread_control");
    private static final Set<String> CONTROL_TYPES = Set.of("pass", "release");

    private SendShapeCheck() {}

    public static void check(ObjectNode body) {
        recipient(body.get("recipient"));
        JsonNode message = body.get("message");
        JsonNode senderAction = body.get("sender_action");
        require((message == null) != (senderAction == null), "message",
                "a request carries exactly one of message and sender_action");
        String messagingType = text(body, "messaging_type");
        require(messagingType == null || MESSAGING_TYPES.contains(messagingType), "messaging_type",
                "must be one of " + MESSAGING_TYPES);
        if (message != null) {
            require(messagingType != null, "messaging_type", "is required with a message");
            message(message);
        } else {
            String action = senderAction.asText();
            require(senderAction.isTextual() && SENDER_ACTIONS.contains(action), "sender_action",
                    "must be one of " + SENDER_ACTIONS);
            boolean needsPayload = action.equals("REACT") || action.equals("UNREACT");
            require(needsPayload == body.has("payload"), "payload",
                    needsPayload ? action + " needs a payload" : action + " takes no payload");
        }
        String tag = text(body, "tag");
        require((tag != null) == "MESSAGE_TAG".equals(messagingType), "tag",
                tag != null ? "a tag needs messaging_type MESSAGE_TAG" : "messaging_type MESSAGE_TAG needs a tag");
        if (tag != null) {
            for (MessageTag known : MessageTag.values()) {
                require(!(known.retired() && known.name().equals(tag)), "tag",
                        tag + " was retired by Meta on April 27, 2026 (Meta answers code 100)");
            }
        }
        String notificationType = text(body, "notification_type");
        require(notificationType == null || NOTIFICATION_TYPES.contains(notificationType), "notification_type",
                "must be one of " + NOTIFICATION_TYPES);
        if (body.has("persona_id")) {
            Limits.numericId("persona_id", body.get("persona_id").asText());
        }
        if (body.has("reply_to")) {
            require(body.get("reply_to").path("mid").isTextual(), "reply_to.mid", "is required");
        }
        JsonNode threadControl = body.get("thread_control");
        if (threadControl != null) {
            require(message != null, "thread_control", "rides on a message: Meta needs a message with thread_control");
            threadControl(threadControl);
        }
    }

    private static void recipient(JsonNode recipient) {
        require(recipient != null && recipient.isObject(), "recipient", "is required");
        long forms = RECIPIENT_FORMS.stream().filter(recipient::has).count();
        require(forms == 1 && recipient.size() == 1, "recipient",
                "needs exactly one of " + RECIPIENT_FORMS);
    }

    private static void message(JsonNode message) {
        require(message.isObject(), "message", "must be an object");
        require(message.has("text") != message.has("attachment"), "message",
                "needs exactly one of text and attachment");
        if (message.has("text")) {
            require(message.get("text").isTextual(), "message.text", "must be a string");
            Limits.required("message.text", message.get("text").asText(), Limits.TEXT_MAX);
        }
        if (message.has("metadata")) {
            Limits.atMost("message.metadata", message.get("metadata").asText(), Limits.METADATA_MAX);
        }
        JsonNode quickReplies = message.get("quick_replies");
        if (quickReplies != null) {
            require(quickReplies.isArray() && quickReplies.size() <= Limits.QUICK_REPLIES_MAX,
                    "message.quick_replies", "must be an array of at most " + Limits.QUICK_REPLIES_MAX);
        }
    }

    private static void threadControl(JsonNode control) {
        require(control.isObject(), "thread_control", "must be an object");
        boolean payloadForm = control.has("payload");
        boolean appIdForm = control.has("app_id") || control.has("control_type");
        require(!(payloadForm && appIdForm), "thread_control", "the payload form (payload) and the app-id form "
                + "(app_id/control_type) cannot be combined in one request; choose one");
        require(payloadForm || control.has("app_id"), "thread_control", "needs either payload or app_id");
        if (payloadForm) {
            require(THREAD_CONTROL_PAYLOADS.contains(control.get("payload").asText()), "thread_control.payload",
                    "must be one of " + THREAD_CONTROL_PAYLOADS);
        } else {
            Limits.numericId("thread_control.app_id", control.get("app_id").asText());
            require(!control.has("control_type") || CONTROL_TYPES.contains(control.get("control_type").asText()),
                    "thread_control.control_type", "must be one of " + CONTROL_TYPES);
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static void require(boolean condition, String field, String problem) {
        if (!condition) {
            throw new InvalidRequestException(field, problem);
        }
    }
}
