package dev.baton.testing;

import static java.util.Objects.requireNonNull;

import dev.baton.event.Channel;
import dev.baton.event.ConversationKey;
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
import dev.baton.spi.ThreadOwnership;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Short ways to make webhook events for tests, as Meta would send them to a Page {@code pageId} from a
 * person {@code userId}. Timestamps are milliseconds since the epoch. {@link #person} fixes the Page and the
 * person for tests that feed one conversation's events to an app; this is the one set of event builders
 * every module's tests use.
 */
public final class TestEvents {

    private TestEvents() {}

    /** A fixed instant (milliseconds since the epoch, November 2026) that tests count their timestamps from. */
    public static final long T0 = 1_793_000_000_000L;

    /** Events between Page {@code pageId} and one person {@code userId}, timestamps given per event. */
    public static Person person(String pageId, String userId) {
        return new Person(pageId, userId);
    }

    /**
     * Events between one Page and one person, as the parser would produce them: what app tests feed their
     * app one callback at a time. Immutable.
     */
    public record Person(String pageId, String userId) {

        public Person {
            requireNonNull(pageId, "pageId is null");
            requireNonNull(userId, "userId is null");
        }

        /**
         * A conversation between the Page and this person as app {@code appId} sees it; ownership unknown,
         * the Page's default app {@code "default"} (where a release sends the thread).
         */
        public TestingConversation conversation(String appId, Platform platform) {
            return new TestingConversation().setKey(new ConversationKey(pageId, userId)).setAppId(appId)
                    .setPlatform(platform).setDefaultAppId("default").setOwnershipSource(ThreadOwnership.Source.UNKNOWN)
                    .setNow(Instant.parse("2026-11-01T10:00:00Z"));
        }

        public EventHeader header(long at, Channel channel) {
            return new EventHeader(pageId, userId, pageId, at, channel);
        }

        public MessageEvent text(long at, String mid, String text) {
            return text(at, mid, text, Channel.MESSAGING);
        }

        public MessageEvent text(long at, String mid, String text, Channel channel) {
            return new MessageEvent(header(at, channel), Message.text(mid, text));
        }

        public MessageEvent standbyText(long at, String mid, String text) {
            return text(at, mid, text, Channel.STANDBY);
        }

        public MessageEvent quickReply(long at, String mid, String title, String payload) {
            return new MessageEvent(header(at, Channel.MESSAGING),
                    new Message(mid, title, payload, List.of(), null, null));
        }

        /** A message that came from tapping a Click-to-Message ad ({@code ads_context} title "Spring sale"). */
        public MessageEvent adMessage(long at, String mid, String text, Channel channel, String ref, String adId) {
            Referral referral = new Referral("ADS", "OPEN_THREAD", ref, adId, null,
                    new Referral.AdsContext("Spring sale", null, null, null, null, null));
            return new MessageEvent(header(at, channel), new Message(mid, text, null, List.of(), null, referral));
        }

        /** A postback with mid {@code "pb" + at}, with an m.me {@code ref} when not null. */
        public PostbackEvent postback(long at, String title, String payload, String ref) {
            Referral referral = ref == null ? null : new Referral("SHORTLINK", "OPEN_THREAD", ref, null, null, null);
            return new PostbackEvent(header(at, Channel.MESSAGING), "pb" + at, title, payload, referral);
        }

        /** The person opened an m.me link with {@code ref} in an existing thread. */
        public ReferralEvent link(long at, String ref) {
            return new ReferralEvent(header(at, Channel.MESSAGING),
                    new Referral("SHORTLINK", "OPEN_THREAD", ref, null, null, null));
        }

        public HandoverEvent.PassThreadControl pass(long at, String from, String to, String metadata) {
            return new HandoverEvent.PassThreadControl(header(at, Channel.MESSAGING), from, to, metadata);
        }

        public HandoverEvent.TakeThreadControl take(long at, String from, String to) {
            return new HandoverEvent.TakeThreadControl(header(at, Channel.MESSAGING), from, to, null);
        }

        /** What the Page sent the person through {@code appId}, as a standby echo with mid {@code "e" + at}. */
        public EchoEvent echo(long at, String appId, String text) {
            return new EchoEvent(new EventHeader(pageId, pageId, userId, at, Channel.STANDBY),
                    Message.text("e" + at, text), appId, null);
        }
    }

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
