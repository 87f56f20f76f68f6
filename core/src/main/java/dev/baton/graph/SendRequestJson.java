package dev.baton.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.graph.error.InvalidRequestException;
import dev.baton.send.Button;
import dev.baton.send.OutgoingAttachment;
import dev.baton.send.OutgoingMessage;
import dev.baton.send.QuickReply;
import dev.baton.send.Recipient;
import dev.baton.send.SendRequest;
import dev.baton.send.SendThreadControl;
import dev.baton.send.Template;
import dev.baton.send.TemplateElement;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link SendRequest} as the Send API's JSON body, filling in the conversation's person when the
 * request names no recipient, and checks the result with {@link SendShapeCheck} (so raw JSON gets the same
 * checks as typed requests). Stateless and thread-safe.
 */
public final class SendRequestJson {

    private final ObjectMapper mapper;

    public SendRequestJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The checked body; throws {@link InvalidRequestException} for a shape Meta would reject. */
    public ObjectNode toJson(SendRequest request, Recipient conversationPerson) {
        Recipient recipient = request.recipient() != null ? request.recipient() : conversationPerson;
        ObjectNode body = request.isRaw() ? parseRaw(request.rawJson()) : typed(request, recipient);
        if (!body.has("recipient") && recipient != null) {
            body.putObject("recipient").put(recipient.field(), recipient.value());
        }
        SendShapeCheck.check(body);
        return body;
    }

    private ObjectNode parseRaw(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || !node.isObject()) {
                throw new InvalidRequestException("raw", "must be a JSON object");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            // Only the position: the raw text could carry personal data.
            throw new InvalidRequestException("raw", "is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    private ObjectNode typed(SendRequest request, Recipient recipient) {
        ObjectNode body = mapper.createObjectNode();
        if (recipient != null) {
            body.putObject("recipient").put(recipient.field(), recipient.value());
        }
        if (request.messagingType() != null) {
            body.put("messaging_type", request.messagingType().name());
        }
        if (request.message() != null) {
            message(body.putObject("message"), request.message());
        }
        if (request.senderAction() != null) {
            body.put("sender_action", request.senderAction().name());
        }
        if (request.senderActionPayload() != null) {
            ObjectNode payload = body.putObject("payload").put("message_id", request.senderActionPayload().messageId());
            if (request.senderActionPayload().reaction() != null) {
                payload.put("reaction", request.senderActionPayload().reaction());
            }
        }
        if (request.notificationType() != null) {
            body.put("notification_type", request.notificationType().name());
        }
        if (request.tag() != null) {
            body.put("tag", request.tag().name());
        }
        if (request.personaId() != null) {
            body.put("persona_id", request.personaId());
        }
        if (request.replyToMessageId() != null) {
            body.putObject("reply_to").put("mid", request.replyToMessageId());
        }
        if (request.threadControl() != null) {
            threadControl(body.putObject("thread_control"), request.threadControl());
        }
        return body;
    }

    private static void threadControl(ObjectNode node, SendThreadControl control) {
        if (control.payload() != null) {
            node.put("payload", control.payload().name().toLowerCase(Locale.ROOT));
        } else {
            node.put("app_id", control.appId());
            if (control.controlType() != null) {
                node.put("control_type", control.controlType().name().toLowerCase(Locale.ROOT));
            }
        }
    }

    private static void message(ObjectNode node, OutgoingMessage message) {
        if (message.text() != null) {
            node.put("text", message.text());
        }
        if (message.attachment() != null) {
            attachment(node.putObject("attachment"), message.attachment());
        }
        if (!message.quickReplies().isEmpty()) {
            ArrayNode replies = node.putArray("quick_replies");
            for (QuickReply reply : message.quickReplies()) {
                ObjectNode item = replies.addObject().put("content_type", reply.contentType().name().toLowerCase(Locale.ROOT));
                putIfPresent(item, "title", reply.title());
                putIfPresent(item, "payload", reply.payload());
                putIfPresent(item, "image_url", reply.imageUrl());
            }
        }
        putIfPresent(node, "metadata", message.metadata());
    }

    private static void attachment(ObjectNode node, OutgoingAttachment attachment) {
        if (attachment instanceof OutgoingAttachment.Media media) {
            node.put("type", media.type().wireName());
            ObjectNode payload = node.putObject("payload");
            putIfPresent(payload, "url", media.url());
            putIfPresent(payload, "attachment_id", media.attachmentId());
            if (media.reusable()) {
                payload.put("is_reusable", true);
            }
        } else if (attachment instanceof OutgoingAttachment.TemplateAttachment templateAttachment) {
            node.put("type", "template");
            template(node.putObject("payload"), templateAttachment.template());
        }
    }

    private static void template(ObjectNode payload, Template template) {
        payload.put("template_type", template.templateType());
        if (template instanceof Template.ButtonTemplate button) {
            payload.put("text", button.text());
            buttons(payload, button.buttons());
        } else if (template instanceof Template.GenericTemplate generic) {
            ArrayNode elements = payload.putArray("elements");
            for (TemplateElement element : generic.elements()) {
                ObjectNode item = elements.addObject().put("title", element.title());
                putIfPresent(item, "subtitle", element.subtitle());
                putIfPresent(item, "image_url", element.imageUrl());
                if (element.defaultActionUrl() != null) {
                    item.putObject("default_action").put("type", "web_url").put("url", element.defaultActionUrl());
                }
                buttons(item, element.buttons());
            }
        } else if (template instanceof Template.MediaTemplate media) {
            ObjectNode item = payload.putArray("elements").addObject().put("media_type", media.mediaType().wireName());
            putIfPresent(item, "attachment_id", media.attachmentId());
            putIfPresent(item, "url", media.url());
            buttons(item, media.buttons());
        }
    }

    private static void buttons(ObjectNode parent, List<Button> buttons) {
        if (buttons.isEmpty()) {
            return;
        }
        ArrayNode array = parent.putArray("buttons");
        for (Button button : buttons) {
            ObjectNode item = array.addObject();
            if (button instanceof Button.Url url) {
                item.put("type", "web_url").put("url", url.url());
            } else if (button instanceof Button.Postback postback) {
                item.put("type", "postback").put("payload", postback.payload());
            } else if (button instanceof Button.Call call) {
                item.put("type", "phone_number").put("payload", call.phoneNumber());
            }
            item.put("title", button.title());
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
