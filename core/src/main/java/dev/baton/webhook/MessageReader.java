package dev.baton.webhook;

import static dev.baton.webhook.Tokens.flag;
import static dev.baton.webhook.Tokens.id;
import static dev.baton.webhook.Tokens.nextField;
import static dev.baton.webhook.Tokens.object;
import static dev.baton.webhook.Tokens.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.baton.event.Attachment;
import dev.baton.event.Message;
import dev.baton.event.Referral;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code message} object of a {@code messages} event (also an echo's, an unsend's and an unsupported
 * message's) and the {@code referral} objects found in several kinds. The parser is on the object's start;
 * fields Baton does not model are skipped (the event's raw JSON keeps them).
 */
final class MessageReader {

    /** What a {@code message} object says, before the event's kind is decided from its flags. */
    record Body(Message message, boolean echo, String appId, String metadata, boolean deleted,
                boolean unsupported) {}

    private MessageReader() {}

    static Body message(JsonParser parser, Source source, JsonPath path) throws IOException {
        String mid = null;
        String text = null;
        String quickReply = null;
        List<Attachment> attachments = List.of();
        Message.ReplyTo replyTo = null;
        Referral referral = null;
        boolean echo = false;
        boolean deleted = false;
        boolean unsupported = false;
        String appId = null;
        String metadata = null;
        for (String field = nextField(parser); field != null; field = nextField(parser)) {
            JsonPath at = path.field(field);
            switch (field) {
                case "mid" -> mid = text(parser, at);
                case "text" -> text = text(parser, at);
                case "quick_reply" -> quickReply = object(parser, at) ? payload(parser, at) : null;
                case "reply_to" -> replyTo = object(parser, at) ? replyTo(parser, at) : null;
                case "attachments" -> attachments = attachments(parser, source, at);
                case "referral" -> referral = object(parser, at) ? referral(parser, at) : null;
                case "is_echo" -> echo = flag(parser, at);
                case "is_deleted" -> deleted = flag(parser, at);
                case "is_unsupported" -> unsupported = flag(parser, at);
                case "app_id" -> appId = id(parser, at);
                case "metadata" -> metadata = text(parser, at);
                default -> parser.skipChildren();
            }
        }
        return new Body(new Message(mid, text, quickReply, attachments, replyTo, referral), echo, appId, metadata,
                deleted, unsupported);
    }

    private static String payload(JsonParser parser, JsonPath path) throws IOException {
        String payload = null;
        for (String field = nextField(parser); field != null; field = nextField(parser)) {
            if (field.equals("payload")) {
                payload = text(parser, path.field(field));
            } else {
                parser.skipChildren();
            }
        }
        return payload;
    }

    private static Message.ReplyTo replyTo(JsonParser parser, JsonPath path) throws IOException {
        String mid = null;
        boolean self = false;
        Message.Story story = null;
        for (String field = nextField(parser); field != null; field = nextField(parser)) {
            JsonPath at = path.field(field);
            switch (field) {
                case "mid" -> mid = text(parser, at);
                case "is_self_reply" -> self = flag(parser, at);
                case "story" -> story = object(parser, at) ? story(parser, at) : null;
                default -> parser.skipChildren();
            }
        }
        return new Message.ReplyTo(mid, self, story);
    }

    private static Message.Story story(JsonParser parser, JsonPath path) throws IOException {
        String id = null;
        String url = null;
        for (String field = nextField(parser); field != null; field = nextField(parser)) {
            JsonPath at = path.field(field);
            switch (field) {
                case "id" -> id = id(parser, at);
                case "url" -> url = text(parser, at);
                default -> parser.skipChildren();
            }
        }
        return new Message.Story(id, url);
    }

    /** The referral object; the parser is on its start. */
    static Referral referral(JsonParser parser, JsonPath path) throws IOException {
        String source = null;
        String type = null;
        String ref = null;
        String adId = null;
        String refererUri = null;
        Referral.AdsContext ads = null;
        for (String field = nextField(parser); field != null; field = nextField(parser)) {
            JsonPath at = path.field(field);
            switch (field) {
                case "source" -> source = text(parser, at);
                case "type" -> type = text(parser, at);
                case "ref" -> ref = text(parser, at);
                case "ad_id" -> adId = id(parser, at);
                case "referer_uri" -> refererUri = text(parser, at);
                case "ads_context_data" -> ads = object(parser, at) ? adsContext(parser, at) : null;
                default -> parser.skipChildren();
            }
        }
        return new Referral(source, type, ref, adId, refererUri, ads);
    }

    private static Referral.AdsContext adsContext(JsonParser parser, JsonPath path) throws IOException {
        String title = null;
        String photo = null;
        String video = null;
        String post = null;
        String product = null;
        String flow = null;
        for (String field = nextField(parser); field != null; field = nextField(parser)) {
            JsonPath at = path.field(field);
            switch (field) {
                case "ad_title" -> title = text(parser, at);
                case "photo_url" -> photo = text(parser, at);
                case "video_url" -> video = text(parser, at);
                case "post_id" -> post = id(parser, at);
                case "product_id" -> product = id(parser, at);
                case "flow_id" -> flow = id(parser, at);
                default -> parser.skipChildren();
            }
        }
        return new Referral.AdsContext(title, photo, video, post, product, flow);
    }

    private static List<Attachment> attachments(JsonParser parser, Source source, JsonPath path) throws IOException {
        if (!Tokens.array(parser, path)) {
            return List.of();
        }
        List<Attachment> attachments = new ArrayList<>(1);
        int i = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonPath at = path.index(i++);
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                throw ShapeProblem.wrongType(at);
            }
            attachments.add(attachment(parser, source, at));
        }
        return attachments;
    }

    /**
     * Most types carry {@code payload.url}; a fallback (shared link) may have {@code title} and {@code url}
     * beside its payload; a sticker adds {@code payload.sticker_id}. The payload is kept whole, as sent.
     */
    private static Attachment attachment(JsonParser parser, Source source, JsonPath path) throws IOException {
        String type = null;
        String url = null;
        String title = null;
        String payloadUrl = null;
        String payloadTitle = null;
        String stickerId = null;
        String payloadJson = null;
        for (String field = nextField(parser); field != null; field = nextField(parser)) {
            JsonPath at = path.field(field);
            switch (field) {
                case "type" -> type = text(parser, at);
                case "url" -> url = text(parser, at);
                case "title" -> title = text(parser, at);
                case "payload" -> {
                    if (object(parser, at)) {
                        int start = source.tokenStart(parser);
                        for (String inner = nextField(parser); inner != null; inner = nextField(parser)) {
                            switch (inner) {
                                case "url" -> payloadUrl = text(parser, at.field(inner));
                                case "title" -> payloadTitle = text(parser, at.field(inner));
                                case "sticker_id" -> stickerId = id(parser, at.field(inner));
                                default -> parser.skipChildren();
                            }
                        }
                        payloadJson = source.slice(start, source.position(parser)).text();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (type == null) {
            throw ShapeProblem.missing(path.field("type"));
        }
        return new Attachment(type, Attachment.Kind.of(type), payloadUrl != null ? payloadUrl : url,
                title != null ? title : payloadTitle, stickerId, payloadJson);
    }
}
