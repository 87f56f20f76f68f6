package dev.baton.defaultapp;

import dev.baton.event.Channel;
import dev.baton.event.EchoEvent;
import dev.baton.event.EventHeader;
import dev.baton.event.HandoverEvent;
import dev.baton.event.Message;
import dev.baton.event.MessageEvent;
import dev.baton.event.PostbackEvent;
import dev.baton.event.Referral;
import dev.baton.event.ReferralEvent;
import dev.baton.event.ConversationKey;
import dev.baton.event.Platform;
import dev.baton.spi.ThreadOwnership;
import dev.baton.testing.TestingConversation;
import java.time.Instant;
import java.util.List;

/** Builders for the webhook events the tests feed the app, as the parser would produce them. */
final class Events {

    static final long T0 = 1_793_000_000_000L;
    static final String PAGE = "1000";
    static final String USER = "u1";

    /** A conversation between PAGE and USER, owned by {@code appId}; release gives the thread to "default". */
    static TestingConversation conversation(String appId, Platform platform) {
        return new TestingConversation().setKey(new ConversationKey(PAGE, USER)).setAppId(appId).setPlatform(platform)
                .setDefaultAppId("default").setOwnershipSource(ThreadOwnership.Source.UNKNOWN)
                .setNow(Instant.parse("2026-11-01T10:00:00Z"));
    }

    private Events() {}

    static EventHeader header(long at, Channel channel) {
        return new EventHeader(PAGE, USER, PAGE, at, channel);
    }

    static MessageEvent text(long at, String mid, String text) {
        return new MessageEvent(header(at, Channel.MESSAGING), Message.text(mid, text));
    }

    static MessageEvent standbyText(long at, String mid, String text) {
        return new MessageEvent(header(at, Channel.STANDBY), Message.text(mid, text));
    }

    static MessageEvent quickReply(long at, String mid, String title, String payload) {
        return new MessageEvent(header(at, Channel.MESSAGING), new Message(mid, title, payload, List.of(), null, null));
    }

    static MessageEvent adMessage(long at, String mid, String text, Channel channel, String ref, String adId) {
        Referral referral = new Referral("ADS", "OPEN_THREAD", ref, adId, null,
                new Referral.AdsContext("Spring sale", null, null, null, null, null));
        return new MessageEvent(header(at, channel), new Message(mid, text, null, List.of(), null, referral));
    }

    static PostbackEvent postback(long at, String title, String payload, String ref) {
        Referral referral = ref == null ? null : new Referral("SHORTLINK", "OPEN_THREAD", ref, null, null, null);
        return new PostbackEvent(header(at, Channel.MESSAGING), "pb" + at, title, payload, referral);
    }

    static ReferralEvent link(long at, String ref) {
        return new ReferralEvent(header(at, Channel.MESSAGING),
                new Referral("SHORTLINK", "OPEN_THREAD", ref, null, null, null));
    }

    static HandoverEvent.PassThreadControl pass(long at, String from, String to, String metadata) {
        return new HandoverEvent.PassThreadControl(header(at, Channel.MESSAGING), from, to, metadata);
    }

    static EchoEvent echo(long at, String appId, String text) {
        EventHeader header = new EventHeader(PAGE, PAGE, USER, at,
                Channel.STANDBY);
        return new EchoEvent(header, Message.text("e" + at, text), appId, null);
    }
}
