package dev.baton.webhook;

import dev.baton.event.Channel;
import dev.baton.event.DeliveryEvent;
import dev.baton.event.EchoEvent;
import dev.baton.event.EventHeader;
import dev.baton.event.HandoverEvent;
import dev.baton.event.MessageEditEvent;
import dev.baton.event.MessageEvent;
import dev.baton.event.OptinEvent;
import dev.baton.event.Platform;
import dev.baton.event.PolicyEnforcementEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.RawJson;
import dev.baton.event.ReactionEvent;
import dev.baton.event.ReadEvent;
import dev.baton.event.Referral;
import dev.baton.event.ReferralEvent;
import dev.baton.event.UnknownEvent;
import dev.baton.event.UnsendEvent;
import dev.baton.event.UnsupportedMessageEvent;
import dev.baton.event.WebhookEvent;
import java.util.List;

/**
 * Turns {@link EventParts} into the event record of the chosen kind, checking what that kind cannot do
 * without, or into an {@link UnknownEvent} with the first problem found and a header read leniently.
 *
 * <p>Required: a {@code sender} with an {@code id} or a {@code user_ref} (not for opt-ins, {@code app_roles}
 * and policy enforcement, which Meta sends without one), a {@code recipient.id}, a {@code timestamp} (a
 * delivery's or read's watermark stands in when it is absent), a Messenger read's {@code watermark}, a
 * delivery's {@code watermark}, a pass's {@code new_owner_app_id} and a request's {@code requested_owner_app_id}.
 */
final class EventBuilder {

    private final Platform platform;

    EventBuilder(Platform platform) {
        this.platform = platform;
    }

    WebhookEvent build(EventParts parts, String pageId, Channel channel, RawJson raw, JsonPath path) {
        int index = parts.kind();
        if (index < 0) {
            return unknown(parts, pageId, channel, raw, UnknownEvent.Reason.UNKNOWN_KIND, path.toString());
        }
        String kind = EventReader.KINDS.get(index);
        try {
            ShapeProblem held = parts.problem(kind);
            if (held != null) {
                throw held;
            }
            return typed(kind, parts.kinds[index], parts, pageId, channel, raw, path);
        } catch (ShapeProblem problem) {
            return unknown(parts, pageId, channel, raw, problem.reason(), problem.path());
        }
    }

    private WebhookEvent typed(String kind, Object body, EventParts parts, String pageId, Channel channel,
                               RawJson raw, JsonPath path) {
        boolean pageLevel = kind.equals("optin") || kind.equals("app_roles") || kind.startsWith("policy");
        if (kind.equals("message")) {
            MessageReader.Body message = (MessageReader.Body) body;
            EventHeader header = header(parts, pageId, channel, raw, path, false, null);
            if (message.deleted()) {
                return new UnsendEvent(header, message.message().mid());
            }
            if (message.echo()) {
                return new EchoEvent(header, message.message(), message.appId(), message.metadata());
            }
            if (message.unsupported()) {
                return new UnsupportedMessageEvent(header, message.message().mid());
            }
            return new MessageEvent(header, message.message(), parts.prior);
        }
        if (kind.equals("referral")) {
            return new ReferralEvent(header(parts, pageId, channel, raw, path, false, null), (Referral) body);
        }
        KindReader.Fields fields = (KindReader.Fields) body;
        JsonPath at = path.field(kind);
        Long watermark = fields.number("watermark");
        EventHeader header = header(parts, pageId, channel, raw, path, pageLevel,
                kind.equals("read") || kind.equals("delivery") ? watermark : null);
        return switch (kind) {
            case "postback" -> new PostbackEvent(header, fields.text("mid"), fields.text("title"),
                    fields.text("payload"), fields.referral);
            case "pass_thread_control" -> new HandoverEvent.PassThreadControl(header,
                    fields.text("previous_owner_app_id"), required(fields, "new_owner_app_id", at),
                    fields.text("metadata"));
            case "take_thread_control" -> new HandoverEvent.TakeThreadControl(header,
                    fields.text("previous_owner_app_id"), fields.text("new_owner_app_id"), fields.text("metadata"));
            case "request_thread_control" -> new HandoverEvent.RequestThreadControl(header,
                    required(fields, "requested_owner_app_id", at), fields.text("metadata"));
            case "app_roles" -> new HandoverEvent.AppRoles(header, fields.roles);
            case "read" -> new ReadEvent(header, readWatermark(watermark, header, at));
            case "delivery" -> new DeliveryEvent(header, fields.mids == null ? List.of() : fields.mids,
                    requiredWatermark(watermark, at));
            case "reaction" -> new ReactionEvent(header, fields.text("mid"), fields.text("action"),
                    fields.text("reaction"), fields.text("emoji"));
            case "optin" -> new OptinEvent(header, fields.text("type"), fields.text("ref"), fields.text("user_ref"),
                    fields.text("payload"), fields.rawText);
            case "message_edit" -> new MessageEditEvent(header, fields.text("mid"), fields.text("text"),
                    (Integer) fields.values.get("num_edit"));
            default -> new PolicyEnforcementEvent(header, fields.text("action"), fields.text("reason"));
        };
    }

    /**
     * Instagram's messaging_seen names the message read ({@code {"mid"}}) and has no watermark: the read
     * happened at the event's time, so everything sent before then counts as read.
     */
    private long readWatermark(Long watermark, EventHeader header, JsonPath path) {
        if (watermark != null) {
            return watermark;
        }
        if (platform == Platform.INSTAGRAM) {
            return header.timestamp();
        }
        throw ShapeProblem.missing(path.field("watermark"));
    }

    private static long requiredWatermark(Long watermark, JsonPath path) {
        if (watermark == null) {
            throw ShapeProblem.missing(path.field("watermark"));
        }
        return watermark;
    }

    private static String required(KindReader.Fields fields, String name, JsonPath path) {
        String value = fields.text(name);
        if (value == null) {
            throw ShapeProblem.missing(path.field(name));
        }
        return value;
    }

    /** The strict header of a typed event; {@code watermark} stands in for an absent timestamp when given. */
    private static EventHeader header(EventParts parts, String pageId, Channel channel, RawJson raw, JsonPath path,
                                      boolean senderOptional, Long watermark) {
        throwHeld(parts, "sender");
        throwHeld(parts, "recipient");
        throwHeld(parts, "timestamp");
        EventReader.Party sender = parts.sender;
        if (sender == null && !senderOptional) {
            throw ShapeProblem.missing(path.field("sender"));
        }
        if (sender != null && sender.id() == null && sender.userRef() == null) {
            throw ShapeProblem.missing(path.field("sender").field("id"));
        }
        if (parts.recipient == null) {
            throw ShapeProblem.missing(path.field("recipient"));
        }
        if (parts.recipient.id() == null) {
            throw ShapeProblem.missing(path.field("recipient").field("id"));
        }
        Long timestamp = parts.timestamp != null ? parts.timestamp : watermark;
        if (timestamp == null) {
            throw ShapeProblem.missing(path.field("timestamp"));
        }
        return new EventHeader(pageId, sender == null || sender.id() == null ? "" : sender.id(),
                parts.recipient.id(), timestamp, channel, sender == null ? null : sender.userRef(), raw);
    }

    private static void throwHeld(EventParts parts, String field) {
        ShapeProblem problem = parts.problem(field);
        if (problem != null) {
            throw problem;
        }
    }

    /** Whatever the header fields hold when they have the usual types; {@code ""} and 0 when not. */
    private static UnknownEvent unknown(EventParts parts, String pageId, Channel channel, RawJson raw,
                                        UnknownEvent.Reason reason, String path) {
        EventReader.Party sender = parts.sender;
        EventReader.Party recipient = parts.recipient;
        EventHeader header = new EventHeader(pageId,
                sender == null || sender.id() == null ? "" : sender.id(),
                recipient == null || recipient.id() == null ? "" : recipient.id(),
                parts.timestamp == null ? 0L : parts.timestamp, channel,
                sender == null ? null : sender.userRef(), raw);
        return new UnknownEvent(header, reason, path);
    }
}
