package dev.baton.testing;

import dev.baton.event.Channel;
import dev.baton.event.DeliveryEvent;
import dev.baton.event.EchoEvent;
import dev.baton.event.EventHeader;
import dev.baton.event.HandoverEvent;
import dev.baton.event.Message;
import dev.baton.event.MessageEvent;
import dev.baton.event.Platform;
import dev.baton.event.PostbackEvent;
import dev.baton.event.ReactionEvent;
import dev.baton.event.ReadEvent;
import dev.baton.event.Referral;
import dev.baton.event.ReferralEvent;
import dev.baton.event.WebhookBatch;
import dev.baton.event.WebhookEntry;
import dev.baton.event.WebhookEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Short ways to make webhook events for tests, as Meta would send them to a Page {@code pageId} from a
 * person {@code userId}. Timestamps are milliseconds since the epoch.
 */
public final class TestEvents {

    private TestEvents() {}

    public static EventHeader fromPerson(String pageId, String userId, long timestamp, Channel channel) {
        return new EventHeader(pageId, userId, pageId, timestamp, channel);
    }

    public static MessageEvent message(String pageId, String userId, String mid, String text, long timestamp) {
        return new MessageEvent(fromPerson(pageId, userId, timestamp, Channel.MESSAGING), Message.text(mid, text));
    }

    public static MessageEvent standbyMessage(String pageId, String userId, String mid, String text, long timestamp) {
        return new MessageEvent(fromPerson(pageId, userId, timestamp, Channel.STANDBY), Message.text(mid, text));
    }

    /** A message the Page sent to {@code userId} through {@code appId}. */
    public static EchoEvent echo(String pageId, String userId, String mid, String text, String appId, long timestamp) {
        return new EchoEvent(new EventHeader(pageId, pageId, userId, timestamp, Channel.MESSAGING),
                Message.text(mid, text), appId, null);
    }

    public static PostbackEvent postback(String pageId, String userId, String mid, String payload, long timestamp) {
        return new PostbackEvent(fromPerson(pageId, userId, timestamp, Channel.MESSAGING), mid, payload, payload, null);
    }

    public static ReferralEvent adReferral(String pageId, String userId, String adId, String ref, long timestamp) {
        return new ReferralEvent(fromPerson(pageId, userId, timestamp, Channel.MESSAGING),
                new Referral("ADS", "OPEN_THREAD", ref, adId, null, null));
    }

    public static ReadEvent read(String pageId, String userId, long watermark, long timestamp) {
        return new ReadEvent(fromPerson(pageId, userId, timestamp, Channel.MESSAGING), watermark);
    }

    public static DeliveryEvent delivery(String pageId, String userId, long watermark, long timestamp) {
        return new DeliveryEvent(fromPerson(pageId, userId, timestamp, Channel.MESSAGING), List.of(), watermark);
    }

    public static ReactionEvent reaction(String pageId, String userId, String mid, String action, String reaction,
                                         long timestamp) {
        return new ReactionEvent(fromPerson(pageId, userId, timestamp, Channel.MESSAGING), mid, action, reaction, null);
    }

    public static HandoverEvent.PassThreadControl passedTo(String pageId, String userId, String previousAppId,
                                                           String newAppId, String metadata, long timestamp) {
        return new HandoverEvent.PassThreadControl(fromPerson(pageId, userId, timestamp, Channel.MESSAGING),
                previousAppId, newAppId, metadata);
    }

    /** A batch with one entry per run of events for the same page, events in the given order. */
    public static WebhookBatch batch(Platform platform, List<? extends WebhookEvent> events) {
        List<WebhookEntry> entries = new ArrayList<>();
        List<WebhookEvent> run = new ArrayList<>();
        for (WebhookEvent event : events) {
            if (!run.isEmpty() && !run.get(0).header().pageId().equals(event.header().pageId())) {
                entries.add(entry(run));
                run = new ArrayList<>();
            }
            run.add(event);
        }
        if (!run.isEmpty()) {
            entries.add(entry(run));
        }
        return new WebhookBatch(platform, entries);
    }

    private static WebhookEntry entry(List<WebhookEvent> events) {
        return new WebhookEntry(events.get(0).header().pageId(), events.get(0).header().timestamp(), events, List.of());
    }

    public static WebhookBatch batch(WebhookEvent... events) {
        return batch(Platform.MESSENGER, List.of(events));
    }
}
