package dev.baton.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.event.Attachment;
import dev.baton.event.Channel;
import dev.baton.event.DeliveryEvent;
import dev.baton.event.EchoEvent;
import dev.baton.event.EventHeader;
import dev.baton.event.HandoverEvent;
import dev.baton.event.Message;
import dev.baton.event.MessageEvent;
import dev.baton.event.OptinEvent;
import dev.baton.event.Platform;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReactionEvent;
import dev.baton.event.ReadEvent;
import dev.baton.event.Referral;
import dev.baton.event.ReferralEvent;
import dev.baton.event.UnknownEvent;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEntry;
import dev.baton.event.WebhookEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds random batches of every kind in code, the way the emulator does, in the normal form the parser
 * produces (messaging before standby, raw JSON where the parser keeps it), with strings full of what needs
 * escaping: quotes, backslashes, control characters, non-ASCII and characters outside the BMP.
 */
final class RandomBatches {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "\u001f",
        "\u007f", "\u00e4", "\u00f6", "\u00e5", "\u00c4", "\u20ac", "\u2764", "\ud83d\ude00", "\uffff", "\u65e5"};
    private static final String[] TYPES = {"audio", "file", "image", "video", "reel", "ig_reel", "post", "ig_post",
        "template", "sticker", "new_kind"};

    private final Random random;

    RandomBatches(long seed) {
        this.random = new Random(seed);
    }

    WebhookBatch batch() {
        List<WebhookEntry> entries = new ArrayList<>();
        for (int e = 0, count = 1 + random.nextInt(3); e < count; e++) {
            String page = id();
            List<WebhookEvent> events = new ArrayList<>();
            int messaging = random.nextInt(5);
            int standby = random.nextInt(3);
            for (int i = 0; i < messaging + standby; i++) {
                Channel channel = i < messaging ? Channel.MESSAGING : Channel.STANDBY;
                events.add(event(new EventHeader(page, id(), page, random.nextLong() & Long.MAX_VALUE, channel)));
            }
            List<WebhookEntry.HopContext> hops = random.nextInt(4) == 0
                    ? List.of(new WebhookEntry.HopContext(maybe(id()), maybe(text()))) : List.of();
            entries.add(new WebhookEntry(page, random.nextLong() & Long.MAX_VALUE, events, hops));
        }
        return new WebhookBatch(random.nextBoolean() ? Platform.MESSENGER : Platform.INSTAGRAM, entries);
    }

    private WebhookEvent event(EventHeader header) {
        return switch (random.nextInt(14)) {
            case 0 -> new MessageEvent(header, message());
            case 1 -> new EchoEvent(new EventHeader(header.pageId(), header.pageId(), header.senderId(),
                    header.timestamp(), header.channel()), message(), maybe(id()), maybe(text()));
            case 2 -> new PostbackEvent(header, maybe(text()), maybe(text()), maybe(text()), maybe(referral()));
            case 3 -> new ReferralEvent(header, referral());
            case 4 -> new HandoverEvent.PassThreadControl(header, maybe(id()), id(), maybe(text()));
            case 5 -> new HandoverEvent.TakeThreadControl(header, maybe(id()), id(), maybe(text()));
            case 6 -> new HandoverEvent.RequestThreadControl(header, id(), maybe(text()));
            case 7 -> new HandoverEvent.AppRoles(header, Map.of(id(), List.of("primary_receiver", text())));
            case 8 -> new ReadEvent(header, random.nextLong());
            case 9 -> new DeliveryEvent(header, random.nextBoolean() ? List.of() : List.of(text(), text()),
                    random.nextLong());
            case 10 -> new ReactionEvent(header, maybe(text()), maybe("react"), maybe("love"), maybe(text()));
            case 11 -> optin(header);
            case 12 -> unknown(header);
            default -> new MessageEvent(header, new Message(text(), null, null, List.of(fallback()), null, null));
        };
    }

    private Message message() {
        List<Attachment> attachments = new ArrayList<>();
        for (int i = 0, count = random.nextInt(3); i < count; i++) {
            attachments.add(random.nextInt(4) == 0 ? fallback() : attachment());
        }
        return new Message(maybe(text()), maybe(text()), maybe(text()), attachments,
                random.nextBoolean() ? new Message.ReplyTo(maybe(text()), random.nextBoolean()) : null,
                maybe(referral()));
    }

    /** As the parser keeps it: the payload's JSON, with url, title and sticker id read from it. */
    private Attachment attachment() {
        String type = TYPES[random.nextInt(TYPES.length)];
        ObjectNode payload = MAPPER.createObjectNode().put("url", text());
        String title = maybe(text());
        if (title != null) {
            payload.put("title", title);
        }
        String sticker = type.equals("sticker") ? id() : null;
        if (sticker != null) {
            payload.put("sticker_id", sticker);
        }
        payload.put("extra", text());
        return new Attachment(type, Attachment.Kind.of(type), payload.get("url").textValue(), title, sticker,
                payload.toString());
    }

    private Attachment fallback() {
        return new Attachment("fallback", Attachment.Kind.FALLBACK, maybe(text()), maybe(text()), null, null);
    }

    private Referral referral() {
        return new Referral(maybe("ADS"), maybe("OPEN_THREAD"), maybe(text()), maybe(id()), maybe(text()),
                random.nextBoolean() ? new Referral.AdsContext(maybe(text()), maybe(text()), maybe(text()),
                        maybe(id()), maybe(id()), maybe(text())) : null);
    }

    private OptinEvent optin(EventHeader header) {
        ObjectNode optin = MAPPER.createObjectNode().put("type", "notification_messages").put("payload", text())
                .put("notification_messages_token", text());
        EventHeader withoutSender = random.nextBoolean() ? header
                : new EventHeader(header.pageId(), "", header.recipientId(), header.timestamp(), header.channel());
        return new OptinEvent(withoutSender, "notification_messages", null, null, optin.get("payload").textValue(),
                optin.toString());
    }

    private UnknownEvent unknown(EventHeader header) {
        ObjectNode raw = MAPPER.createObjectNode();
        raw.putObject("sender").put("id", header.senderId());
        raw.putObject("recipient").put("id", header.recipientId());
        raw.put("timestamp", header.timestamp());
        raw.putObject("brand_new_kind").put("value", text()).put("n", random.nextInt());
        return new UnknownEvent(header, raw.toString());
    }

    private <T> T maybe(T value) {
        return random.nextInt(3) == 0 ? null : value;
    }

    private String id() {
        return random.nextBoolean() ? Long.toString(random.nextLong() & Long.MAX_VALUE) : "id-" + text();
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        for (int i = 0, length = random.nextInt(8); i < length; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }
}
